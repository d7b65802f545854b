using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Web.Features.Webhooks;

/// <summary>A webhook as created or changed.</summary>
public sealed class WebhookRequest : IValidatableObject
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(Webhook.NameMaxLength, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";
    public WebhookFormat Format { get; set; } = WebhookFormat.GenericJson;
    public bool Enabled { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookUrl.Problem(Url) is { } problem) yield return new ValidationResult(problem, [nameof(Url)]);
        if (!Enum.IsDefined(Format)) yield return new ValidationResult("Choose generic JSON, Microsoft Teams or Slack.", [nameof(Format)]);
    }

    public static WebhookRequest From(WebhookView webhook) => new() { Name = webhook.Name, Url = webhook.Url, Format = webhook.Format, Enabled = webhook.Enabled };
}

/// <summary>A webhook as listed; never its secret.</summary>
public sealed record WebhookView(Guid Id, string Name, string Url, WebhookFormat Format, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>A webhook just made or given a new secret: the only time the secret is shown.</summary>
public sealed record WebhookWithSecret(WebhookView Webhook, string Secret);

/// <summary>One attempt in the delivery log.</summary>
public sealed record WebhookDeliveryView(
    Guid Id, Guid DeliveryId, string Event, int Attempt, DateTimeOffset At, int? StatusCode, bool Succeeded, double DurationMs, string? Error);

/// <summary>What a "send test" did: every attempt, retries included.</summary>
public sealed record WebhookTestResult(bool Succeeded, IReadOnlyList<WebhookDeliveryView> Attempts);

public static class WebhookFormats
{
    public static string Name(WebhookFormat format) => format switch
    {
        WebhookFormat.MicrosoftTeams => "Microsoft Teams",
        WebhookFormat.Slack => "Slack",
        _ => "Generic JSON",
    };
}

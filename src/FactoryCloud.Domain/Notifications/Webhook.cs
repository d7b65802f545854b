using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Notifications;

public enum WebhookFormat
{
    /// <summary>FactoryCloud's own JSON: the event, the alert, the link.</summary>
    GenericJson,

    /// <summary>A Microsoft Teams incoming webhook's MessageCard.</summary>
    MicrosoftTeams,

    /// <summary>A Slack incoming webhook's <c>text</c> and <c>blocks</c>.</summary>
    Slack,
}

/// <summary>
/// An organisation's webhook: alert notices are POSTed to <see cref="Url"/> in <see cref="Format"/>, signed with
/// <see cref="Secret"/> (HMAC-SHA256 over timestamp and body). The secret is shown once, when made or rotated; it is
/// kept because every delivery is signed with it.
/// </summary>
public sealed class Webhook : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int UrlMaxLength = 2000;
    public const int SecretLength = 43; // 32 random bytes, base64url

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public WebhookFormat Format { get; set; }
    public required string Secret { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

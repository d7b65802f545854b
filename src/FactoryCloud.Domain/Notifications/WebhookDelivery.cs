using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Notifications;

/// <summary>One HTTP attempt to deliver a notice to a webhook: the delivery log.</summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public const int EventMaxLength = 32;
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WebhookId { get; set; }

    /// <summary>The outbox entry delivered (the <c>X-FactoryCloud-Delivery</c> header); the same for each attempt at it.</summary>
    public Guid DeliveryId { get; set; }

    public required string Event { get; set; }

    /// <summary>1 for the first try, counted over every round of retries.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public bool Succeeded { get; set; }

    /// <summary>How long the receiver took to answer (or to fail), in milliseconds.</summary>
    public double DurationMs { get; set; }

    /// <summary>Why it failed: the exception's message for no answer, else empty.</summary>
    public string? Error { get; set; }
}

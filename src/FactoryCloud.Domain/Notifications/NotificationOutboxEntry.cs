using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Notifications;

public enum OutboxKind
{
    /// <summary>Something happened to an alert: expanded later into one entry per email address and webhook.</summary>
    AlertEvent,
    Email,
    Webhook,

    /// <summary>A personal notice or daily digest by email (payload: <c>PersonalEmail</c>); <see cref="NotificationOutboxEntry.Event"/> is not used.</summary>
    PersonalEmail,
}

public enum OutboxStatus
{
    Pending,
    Done,

    /// <summary>Given up after every retry.</summary>
    Failed,

    /// <summary>Not sent on purpose (e.g. the alert ended during quiet hours before anyone was told).</summary>
    Dropped,
}

/// <summary>
/// The durable notification outbox: written in the same save as the alert change it tells of, processed by a
/// background worker, so notices survive a restart and never hold up alert evaluation or ingestion.
/// </summary>
public sealed class NotificationOutboxEntry : ITenantOwned
{
    public const int TargetMaxLength = 320;
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public OutboxKind Kind { get; set; }
    public AlertNoticeEvent Event { get; set; }
    public Guid? AlertId { get; set; }

    /// <summary>An email address or a webhook's id; null for an <see cref="OutboxKind.AlertEvent"/>.</summary>
    public string? Target { get; set; }

    /// <summary>The notice as JSON (<see cref="AlertNotice"/>), fixed when the entry was expanded; empty for an alert event.</summary>
    public string Payload { get; set; } = "";

    public OutboxStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not processed before this instant: a retry's back-off, or a raise held until the next shift.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>A worker that claimed the entry owns it until then (another process skips it).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Rounds of delivery tried (each round retries on its own).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
    public string? LastError { get; set; }

    public static NotificationOutboxEntry ForAlert(Alert alert, AlertNoticeEvent e, DateTimeOffset at) => new()
    {
        TenantId = alert.TenantId, Kind = OutboxKind.AlertEvent, Event = e, AlertId = alert.Id, CreatedAt = at, DueAt = at,
    };
}

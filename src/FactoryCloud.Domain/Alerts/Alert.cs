using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Alerts;

/// <summary>
/// One occurrence of a rule's condition on one machine. Two clocks run on it: the user's (<see cref="Status"/>:
/// open, acknowledged, closed) and the condition's (<see cref="ClearedAt"/>: null while the condition holds). An alert
/// whose condition holds is the rule's <em>active</em> alert for that machine: at most one exists, so re-evaluating
/// never duplicates it, and an alert a user closed while the condition still holds is not raised again until the
/// condition has ended once. When the condition ends, the alert is cleared and, if still open, closed.
/// </summary>
public sealed class Alert : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid RuleId { get; set; }
    public Guid MachineId { get; set; }

    /// <summary>What was found when it was raised, e.g. "Down for 12 min (jam)".</summary>
    public required string Detail { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
    public AlertStatus Status { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }

    /// <summary>The acknowledging user's name or email at that time, for the list (users are not tenant data).</summary>
    public string? AcknowledgedByName { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The user who closed it; null when it closed because its condition ended.</summary>
    public Guid? ClosedBy { get; set; }

    public string? ClosedByName { get; set; }

    /// <summary>When the condition ended; null while it holds.</summary>
    public DateTimeOffset? ClearedAt { get; set; }

    /// <summary>The backlog item created from this alert, once the backlog links it.</summary>
    public Guid? WorkItemId { get; set; }

    /// <summary>When people were first told (by email or webhook); null while a raise is held by quiet hours, or nothing is sent.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>When the escalation recipients were told; null until then.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The latest notice (raise, escalation or repeat), from which the next repeat counts.</summary>
    public DateTimeOffset? LastNotifiedAt { get; set; }

    public const int DetailMaxLength = 256;
    public const int UserNameMaxLength = 256;

    public bool IsActive => ClearedAt is null;

    public static Alert Raise(AlertRule rule, Guid machineId, string detail, DateTimeOffset at) => new()
    {
        TenantId = rule.TenantId,
        RuleId = rule.Id,
        MachineId = machineId,
        Detail = detail.Length > DetailMaxLength ? detail[..DetailMaxLength] : detail,
        RaisedAt = at,
        Status = AlertStatus.Open,
    };

    /// <summary>Only an open alert can be acknowledged; false (nothing changed) otherwise.</summary>
    public bool TryAcknowledge(Guid userId, string userName, DateTimeOffset at)
    {
        if (Status != AlertStatus.Open) return false;
        (Status, AcknowledgedAt, AcknowledgedBy, AcknowledgedByName) = (AlertStatus.Acknowledged, at, userId, Truncate(userName));
        return true;
    }

    /// <summary>An open or acknowledged alert can be closed by a user; false (nothing changed) once closed.</summary>
    public bool TryClose(Guid userId, string userName, DateTimeOffset at)
    {
        if (Status == AlertStatus.Closed) return false;
        (Status, ClosedAt, ClosedBy, ClosedByName) = (AlertStatus.Closed, at, userId, Truncate(userName));
        return true;
    }

    /// <summary>The condition ended: the alert stops being active and, unless a user closed it already, closes.</summary>
    public void Clear(DateTimeOffset at)
    {
        if (!IsActive) return;
        ClearedAt = at;
        if (Status == AlertStatus.Closed) return;
        (Status, ClosedAt) = (AlertStatus.Closed, at);
    }

    private static string Truncate(string name) => name.Length > UserNameMaxLength ? name[..UserNameMaxLength] : name;
}

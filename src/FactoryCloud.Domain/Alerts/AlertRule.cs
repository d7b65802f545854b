using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Domain.Alerts;

/// <summary>
/// A tenant's alert rule, applied to each machine of its scope separately: each machine gets its own alert.
/// <see cref="DurationMinutes"/> is N ("for N minutes") or, for <see cref="AlertRuleKind.OeeBelow"/>, the rolling window.
/// </summary>
public sealed class AlertRule : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public AlertRuleKind Kind { get; set; }
    public AlertScopeKind ScopeKind { get; set; }

    /// <summary>The id of the machine, line or site named by <see cref="ScopeKind"/>.</summary>
    public Guid ScopeId { get; set; }

    public int DurationMinutes { get; set; }

    /// <summary>OEE in percent for <see cref="AlertRuleKind.OeeBelow"/>; the limit of a measure rule; unused otherwise.</summary>
    public double? Threshold { get; set; }

    /// <summary>The measurement's name (<c>[a-z0-9_]{1,64}</c>) for the measure rules; null otherwise.</summary>
    public string? MeasureName { get; set; }

    /// <summary>A disabled rule raises nothing; its alerts still open are cleared at the next evaluation.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How bad its alerts are; shown with every alert and notice.</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Major;

    /// <summary>Who is told of its alerts, how, and when again.</summary>
    public AlertNotificationPolicy Notification { get; set; } = new();

    public const int NameMaxLength = 100;
    public const int MeasureNameMaxLength = 64;
}

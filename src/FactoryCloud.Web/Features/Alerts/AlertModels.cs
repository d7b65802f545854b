using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>
/// An alert rule as created or changed; fields a kind does not use are ignored and stored empty. The notification
/// fields (<see cref="AlertNotificationSettings"/>) stand beside the rule's own and become its <see cref="AlertNotificationPolicy"/>.
/// </summary>
public sealed class AlertRuleRequest : AlertNotificationSettings, IValidatableObject
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(AlertRule.NameMaxLength, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";

    public AlertRuleKind Kind { get; set; } = AlertRuleKind.MachineDown;
    public AlertScopeKind ScopeKind { get; set; } = AlertScopeKind.Site;

    /// <summary>The machine, line or site (by <see cref="ScopeKind"/>) whose machines the rule watches.</summary>
    public Guid ScopeId { get; set; }

    /// <summary>N minutes, or the rolling window of an OEE rule.</summary>
    public int DurationMinutes { get; set; } = 10;

    /// <summary>The OEE limit in percent, or a measurement's limit.</summary>
    public double? Threshold { get; set; }

    public string? MeasureName { get; set; }
    public bool Enabled { get; set; } = true;

    public AlertSeverity Severity { get; set; } = AlertSeverity.Major;

    public bool UsesThreshold => Kind is AlertRuleKind.OeeBelow or AlertRuleKind.MeasureAbove or AlertRuleKind.MeasureBelow;
    public bool UsesMeasure => Kind is AlertRuleKind.MeasureAbove or AlertRuleKind.MeasureBelow;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Kind)) yield return new ValidationResult("Choose what the rule watches.", [nameof(Kind)]);
        if (!Enum.IsDefined(ScopeKind)) yield return new ValidationResult("Choose a machine, line or site.", [nameof(ScopeKind)]);
        if (ScopeId == Guid.Empty) yield return new ValidationResult("Choose the machine, line or site to watch.", [nameof(ScopeId)]);
        foreach (var (field, message) in AlertRuleValidation.Check(Kind, DurationMinutes, Threshold, MeasureName))
            yield return new ValidationResult(message, [field]);
        if (!Enum.IsDefined(Severity)) yield return new ValidationResult("Choose critical, major, minor or warning.", [nameof(Severity)]);
        foreach (var (field, message) in AlertNotificationPolicy.Check(Channels ?? [], Recipients ?? [], EscalationRecipients ?? [], EscalateAfterMinutes, RepeatEveryMinutes))
            yield return new ValidationResult(message, [field]);
    }

    public AlertNotificationPolicy ToPolicy() => new()
    {
        Channels = [.. (Channels ?? []).Distinct().Order()],
        Recipients = [.. (Recipients ?? []).Select(r => AlertRecipient.Parse(r)!.Value.ToString()).Distinct()],
        EscalationRecipients = [.. (EscalationRecipients ?? []).Select(r => AlertRecipient.Parse(r)!.Value.ToString()).Distinct()],
        EscalateAfterMinutes = EscalateAfterMinutes,
        RepeatEveryMinutes = RepeatEveryMinutes,
        QuietOutsideShifts = QuietOutsideShifts,
    };

    public static AlertRuleRequest From(AlertRuleView rule) => new()
    {
        Name = rule.Name, Kind = rule.Kind, ScopeKind = rule.ScopeKind, ScopeId = rule.ScopeId, DurationMinutes = rule.DurationMinutes,
        Threshold = rule.Threshold, MeasureName = rule.MeasureName, Enabled = rule.Enabled, Severity = rule.Severity,
        Channels = [.. rule.Notification.Channels], Recipients = [.. rule.Notification.Recipients],
        EscalationRecipients = [.. rule.Notification.EscalationRecipients], EscalateAfterMinutes = rule.Notification.EscalateAfterMinutes,
        RepeatEveryMinutes = rule.Notification.RepeatEveryMinutes, QuietOutsideShifts = rule.Notification.QuietOutsideShifts,
    };
}

/// <summary>A rule as listed: its condition and, in words, who it tells how (<see cref="Notifies"/>).</summary>
public sealed record AlertRuleView(
    Guid Id, string Name, AlertRuleKind Kind, AlertScopeKind ScopeKind, Guid ScopeId, string ScopeName,
    int DurationMinutes, double? Threshold, string? MeasureName, bool Enabled, string Condition,
    AlertSeverity Severity, AlertNotificationPolicy Notification, string Notifies);

/// <summary>A role, member or team a rule can notify, for the rule dialog (<see cref="Value"/> as in the request).</summary>
public sealed record AlertRecipientOption(string Value, string Name, string Group);

/// <summary>A machine, line or site a rule can watch, for the rule dialog.</summary>
public sealed record AlertScopeOption(AlertScopeKind Kind, Guid Id, string Name);

/// <summary>
/// An alert with who acknowledged and closed it. <see cref="ClosedBy"/> is null when the alert closed because its
/// condition ended (<see cref="ClearedAt"/>). <see cref="TimeZone"/> is the machine's site's zone (IANA id), in which
/// people read the alert's times.
/// </summary>
public sealed record AlertView(
    Guid Id, Guid RuleId, string RuleName, AlertRuleKind Kind, Guid MachineId, string MachineName, string Detail,
    AlertStatus Status, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    DateTimeOffset? ClosedAt, string? ClosedBy, DateTimeOffset? ClearedAt, Guid? WorkItemId, string TimeZone = "UTC", AlertSeverity Severity = AlertSeverity.Major);

public static class AlertViews
{
    /// <summary>How often open alert views refresh without an announcement: alerts evaluated by another process.</summary>
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(30);
}

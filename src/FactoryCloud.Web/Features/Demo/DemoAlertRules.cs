using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Web.Features.Alerts;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// Alert rules on the streaming demo line, tuned to the simulation so alerts are raised within the first hour, with
/// severities and notification policies that show each option: a critical stop emailed to plant managers, escalated
/// to Owners and repeated; a minor OEE dip quiet outside shifts; a warning for the bell only.
/// </summary>
public static class DemoAlertRules
{
    public const string MachineDown = "Machine down for 5 minutes", LowOee = "Line 1 OEE below 75 % (1 h)", Cold = "Machine cooled below 30 °C";

    public static readonly IReadOnlyList<string> Names = [MachineDown, LowOee, Cold];

    public static IEnumerable<AlertRuleRequest> For(Guid lineId, Guid firstMachineId) =>
    [
        new()
        {
            Name = MachineDown, Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Line, ScopeId = lineId, DurationMinutes = 5,
            Severity = AlertSeverity.Critical, Channels = [NotificationChannel.InApp, NotificationChannel.Email],
            Recipients = [AlertRecipient.ForRole(TenantRole.PlantManager).ToString(), AlertRecipient.ForRole(TenantRole.Owner).ToString()],
            EscalationRecipients = [AlertRecipient.ForRole(TenantRole.Admin).ToString()], EscalateAfterMinutes = 15, RepeatEveryMinutes = 30,
        },
        new()
        {
            Name = LowOee, Kind = AlertRuleKind.OeeBelow, ScopeKind = AlertScopeKind.Line, ScopeId = lineId, DurationMinutes = 60, Threshold = 75,
            Severity = AlertSeverity.Minor, Channels = [NotificationChannel.InApp, NotificationChannel.Email],
            Recipients = [AlertRecipient.ForRole(TenantRole.Owner).ToString()], QuietOutsideShifts = true,
        },
        // A stopped machine cools towards the ambient 22 °C: this one shows a measurement rule at work.
        new()
        {
            Name = Cold, Kind = AlertRuleKind.MeasureBelow, ScopeKind = AlertScopeKind.Machine, ScopeId = firstMachineId,
            DurationMinutes = 2, Threshold = 30, MeasureName = "temperature_c", Severity = AlertSeverity.Warning,
        },
    ];

    public static async Task SeedAsync(AlertRuleService rules, Guid lineId, Guid firstMachineId, CancellationToken ct)
    {
        var existing = (await rules.ListAsync(ct)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in For(lineId, firstMachineId).Where(r => !existing.Contains(r.Name)))
            (await rules.CreateAsync(rule, ct)).Require($"the alert rule '{rule.Name}'");
    }

    public static async Task DeleteAsync(AlertRuleService rules, CancellationToken ct)
    {
        foreach (var rule in (await rules.ListAsync(ct)).Where(r => Names.Contains(r.Name)))
            (await rules.DeleteAsync(rule.Id, ct)).Require($"delete the alert rule '{rule.Name}'");
    }
}

using FactoryCloud.Domain.Alerts;
using FactoryCloud.Web.Features.Alerts;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// A few alerts of the last days on the demo rules, acknowledged and cleared, so the alert list has history on the
/// first visit. Written as closed alerts (never active, so evaluation leaves them alone); seeded only while the rules
/// have no alert older than a day.
/// </summary>
public static class DemoPastAlerts
{
    public static async Task SeedAsync(IDbContextFactory<AppDbContext> contexts, IReadOnlyList<AlertRuleView> rules, IReadOnlyList<Guid> machines, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var byName = rules.Where(r => DemoAlertRules.Names.Contains(r.Name)).ToDictionary(r => r.Name, r => r.Id);
        if (byName.Count == 0 || machines.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ruleIds = byName.Values.ToList();
        var dayAgo = now.AddDays(-1);
        if (await db.Alerts.AnyAsync(a => ruleIds.Contains(a.RuleId) && a.RaisedAt < dayAgo, ct)) return;
        (string Rule, int Machine, double DaysAgo, int Minutes, string Detail)[] history =
        [
            (DemoAlertRules.MachineDown, 1, 3.2, 22, "Down for 5 min (jam)"),
            (DemoAlertRules.MachineDown, 3, 1.6, 48, "Down for 5 min (tool change overrun)"),
            (DemoAlertRules.LowOee, 0, 2.4, 75, "OEE 68 % over 60 min"),
        ];
        foreach (var (rule, machine, daysAgo, minutes, detail) in history)
        {
            if (!byName.TryGetValue(rule, out var ruleId)) continue;
            var raised = now.AddDays(-daysAgo);
            db.Alerts.Add(new Alert
            {
                RuleId = ruleId, MachineId = machines[Math.Min(machine, machines.Count - 1)], Detail = detail, RaisedAt = raised,
                Status = AlertStatus.Closed, AcknowledgedAt = raised.AddMinutes(4), AcknowledgedByName = "Demo owner",
                ClosedAt = raised.AddMinutes(minutes), ClearedAt = raised.AddMinutes(minutes),
                NotifiedAt = raised, LastNotifiedAt = raised,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

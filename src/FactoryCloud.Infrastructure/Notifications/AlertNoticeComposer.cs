using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>What a notice of an alert says, read from the alert, its rule, its machine and the organisation.</summary>
public static class AlertNoticeComposer
{
    public static string DashboardPath(Guid machineId, DateTimeOffset at) =>
        $"/dashboards/machines/{machineId}?at={at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    public static async Task<AlertNotice?> ComposeAsync(
        AppDbContext db, NotificationOptions options, Alert alert, AlertRule rule, AlertNoticeEvent e, DateTimeOffset at, CancellationToken ct)
    {
        var machine = await db.Machines.Where(m => m.Id == alert.MachineId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (machine is null) return null;
        var organisation = await db.Tenants.Where(t => t.Id == alert.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
        var by = e switch
        {
            AlertNoticeEvent.Acknowledged => alert.AcknowledgedByName,
            AlertNoticeEvent.Closed => alert.ClosedByName,
            _ => null,
        };
        return new AlertNotice(e, at, alert.Id, rule.Name, rule.Severity, alert.MachineId, machine, alert.Detail, alert.Status, alert.RaisedAt, by,
            options.Link(DashboardPath(alert.MachineId, alert.RaisedAt)), organisation);
    }

    /// <summary>The notice a "send test" delivers: made-up alert, real organisation name and link form.</summary>
    public static AlertNotice Test(NotificationOptions options, string organisation, DateTimeOffset at) =>
        new(AlertNoticeEvent.Test, at, Guid.Empty, "Test notice", AlertSeverity.Warning, Guid.Empty, "Test machine",
            "This is a test of the webhook from FactoryCloud.", AlertStatus.Open, at, null, options.Link("/alerts"), organisation);
}

using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Alerts;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>The current tenant's alerts: list, count, acknowledge and close. Changes: everyone but Viewers.</summary>
public sealed class AlertService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, TimeProvider clock, AlertNotifications notifications)
{
    /// <summary>The newest alerts first; at most this many per list.</summary>
    public const int ListLimit = 500;

    private const string EditorsOnly = "Viewers cannot acknowledge or close alerts.";

    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var alerts = status is { } only ? db.Alerts.Where(a => a.Status == only) : db.Alerts;
        return await Views(db, alerts.OrderByDescending(a => a.RaisedAt).Take(ListLimit)).ToListAsync(ct);
    }

    public async Task<AlertView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Views(db, db.Alerts.Where(a => a.Id == id)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Alerts nobody has acknowledged or closed yet: the bell's count.</summary>
    public async Task<int> CountOpenAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Alerts.CountAsync(a => a.Status == AlertStatus.Open, ct);
    }

    public Task<OperationResult<AlertView>> AcknowledgeAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (alert, user, name, now) => alert.TryAcknowledge(user, name, now), "Only an open alert can be acknowledged.", ct, AlertNoticeEvent.Acknowledged);

    public Task<OperationResult<AlertView>> CloseAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (alert, user, name, now) => alert.TryClose(user, name, now), "The alert is already closed.", ct, AlertNoticeEvent.Closed);

    /// <summary>The worst severity among alerts nobody has acknowledged yet (the bell's colour); null when none.</summary>
    public async Task<AlertSeverity?> WorstOpenSeverityAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var severities = await (from a in db.Alerts
                                join r in db.AlertRules on a.RuleId equals r.Id
                                where a.Status == AlertStatus.Open
                                select r.Severity).Distinct().ToListAsync(ct);
        return severities.Count == 0 ? null : severities.Min();
    }

    /// <summary>Records the backlog item created from the alert (see <see cref="IAlertWorkItemCreator"/>).</summary>
    public Task<OperationResult<AlertView>> LinkWorkItemAsync(Guid id, Guid workItemId, CancellationToken ct = default) =>
        ChangeAsync(id, (alert, _, _, _) =>
        {
            if (alert.WorkItemId is not null) return false;
            alert.WorkItemId = workItemId;
            return true;
        }, "A work item was already created from this alert.", ct);

    /// <summary>
    /// Applies the change; an acknowledgement or close of an alert people were told of is told too, through the
    /// outbox in the same save.
    /// </summary>
    private async Task<OperationResult<AlertView>> ChangeAsync(
        Guid id, Func<Alert, Guid, string, DateTimeOffset, bool> change, string conflict, CancellationToken ct, AlertNoticeEvent? notice = null)
    {
        if (current.Role?.CanEdit() != true || current.UserId is not { } userId) return Failure.Forbidden(EditorsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } alert) return Failure.NotFound("The alert");
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync(ct) ?? userId.ToString();
        var now = clock.GetUtcNow();
        if (!change(alert, userId, name, now)) return Failure.Conflict(conflict);
        if (notice is { } e && alert.NotifiedAt is not null) db.NotificationOutbox.Add(NotificationOutboxEntry.ForAlert(alert, e, now));
        await db.SaveChangesAsync(ct);
        notifications.Publish(alert.TenantId);
        return (await Views(db, db.Alerts.Where(a => a.Id == id)).FirstAsync(ct));
    }

    private static IQueryable<AlertView> Views(AppDbContext db, IQueryable<Alert> alerts) =>
        from a in alerts
        join r in db.AlertRules on a.RuleId equals r.Id
        join m in db.Machines on a.MachineId equals m.Id
        join l in db.Lines on m.LineId equals l.Id
        join ar in db.Areas on l.AreaId equals ar.Id
        join s in db.Sites on ar.SiteId equals s.Id
        select new AlertView(a.Id, a.RuleId, r.Name, r.Kind, a.MachineId, m.Name, a.Detail, a.Status, a.RaisedAt,
            a.AcknowledgedAt, a.AcknowledgedByName, a.ClosedAt, a.ClosedByName, a.ClearedAt, a.WorkItemId, s.TimeZone, r.Severity);
}

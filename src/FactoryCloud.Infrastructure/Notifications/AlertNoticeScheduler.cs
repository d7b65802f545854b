using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// Escalations and repeats of a tenant's open alerts. Each is recorded on the alert by a conditional update (only
/// one process wins) in the same transaction as its outbox event, so a notice is neither lost nor sent twice.
/// </summary>
internal static class AlertNoticeScheduler
{
    public static async Task<int> ScheduleAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open && a.ClearedAt == null && a.NotifiedAt != null).ToListAsync(ct);
        if (open.Count == 0) return 0;
        var ruleIds = open.Select(a => a.RuleId).Distinct().ToList();
        var rules = await db.AlertRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var scheduled = 0;
        foreach (var alert in open)
        {
            if (!rules.TryGetValue(alert.RuleId, out var rule)) continue;
            var policy = rule.Notification;
            if (AlertNoticeSchedule.Due(policy, open: true, alert.NotifiedAt, alert.EscalatedAt, alert.LastNotifiedAt, now) is not { } due) continue;
            if (policy.QuietOutsideShifts && AlertNoticeSchedule.IsQuiet(policy, await SiteCalendars.ForMachineAsync(db, alert.MachineId, ct), now)) continue;
            if (await RecordAsync(db, alert, due, now, ct)) scheduled++;
        }
        return scheduled;
    }

    private static async Task<bool> RecordAsync(AppDbContext db, Alert alert, AlertNoticeEvent due, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var previous = alert.LastNotifiedAt;
        var rows = db.Alerts.Where(a => a.Id == alert.Id && a.Status == AlertStatus.Open && a.LastNotifiedAt == previous);
        var won = due == AlertNoticeEvent.Escalated
            ? await rows.Where(a => a.EscalatedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.EscalatedAt, now).SetProperty(a => a.LastNotifiedAt, now), ct)
            : await rows.ExecuteUpdateAsync(s => s.SetProperty(a => a.LastNotifiedAt, now), ct);
        if (won != 1) return false;
        alert.EscalatedAt = due == AlertNoticeEvent.Escalated ? now : alert.EscalatedAt;
        db.NotificationOutbox.Add(NotificationOutboxEntry.ForAlert(alert, due, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}

using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// Turns an alert event into deliveries: one email entry per recipient's address and one webhook entry per enabled
/// webhook, with the notice fixed as it reads now. Quiet hours hold the event until the next shift; a raise that
/// ends before anyone was told is dropped, and so are the acknowledge, close and clear of an alert nobody was told of.
/// </summary>
internal sealed class AlertEventExpander(NotificationOptions options)
{
    /// <summary>Expands one claimed event and saves; the event is done, dropped, or waiting for its shift.</summary>
    public async Task ExpandAsync(AppDbContext db, NotificationOutboxEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == entry.AlertId, ct);
        var rule = alert is null ? null : await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == alert.RuleId, ct);
        if (alert is null || rule is null)
        {
            OutboxClaims.Finish(entry, OutboxStatus.Dropped, now, "The alert or its rule was deleted.");
            await db.SaveChangesAsync(ct);
            return;
        }
        var policy = rule.Notification;
        if (Skip(entry.Event, alert, policy) is { } reason)
        {
            OutboxClaims.Finish(entry, OutboxStatus.Dropped, now, reason);
            await db.SaveChangesAsync(ct);
            return;
        }
        if (policy.QuietOutsideShifts && await SiteCalendars.ForMachineAsync(db, alert.MachineId, ct) is { } calendar
            && AlertNoticeSchedule.IsQuiet(policy, calendar, now))
        {
            entry.DueAt = AlertNoticeSchedule.NextShiftStart(calendar, now);
            entry.LockedUntil = null;
            entry.LastError = "Quiet hours: held until the next shift.";
            await db.SaveChangesAsync(ct);
            return;
        }

        var notice = await AlertNoticeComposer.ComposeAsync(db, options, alert, rule, entry.Event, entry.CreatedAt, ct);
        if (notice is null)
        {
            OutboxClaims.Finish(entry, OutboxStatus.Dropped, now, "The machine was deleted.");
            await db.SaveChangesAsync(ct);
            return;
        }
        var payload = NoticeJson.Serialize(notice);
        if (policy.Channels.Contains(NotificationChannel.Email))
        {
            var recipients = entry.Event == AlertNoticeEvent.Escalated ? policy.EscalationRecipients
                : alert.EscalatedAt is null ? policy.Recipients : [.. policy.Recipients, .. policy.EscalationRecipients];
            foreach (var email in await NoticeRecipients.EmailsAsync(db, recipients, ct))
                db.NotificationOutbox.Add(Delivery(entry, OutboxKind.Email, email, payload, now));
        }
        if (policy.Channels.Contains(NotificationChannel.Webhook))
        {
            foreach (var webhook in await db.Webhooks.Where(w => w.Enabled).Select(w => w.Id).ToListAsync(ct))
                db.NotificationOutbox.Add(Delivery(entry, OutboxKind.Webhook, webhook.ToString(), payload, now));
        }
        if (entry.Event == AlertNoticeEvent.Raised) alert.NotifiedAt = alert.LastNotifiedAt = now;
        OutboxClaims.Finish(entry, OutboxStatus.Done, now);
        await db.SaveChangesAsync(ct);
    }

    private static string? Skip(AlertNoticeEvent e, Alert alert, AlertNotificationPolicy policy) => e switch
    {
        _ when !policy.SendsAnything => "The rule sends notices to the bell only.",
        AlertNoticeEvent.Raised when alert.Status != AlertStatus.Open || !alert.IsActive => "The alert ended or was acknowledged before anyone was told.",
        AlertNoticeEvent.Acknowledged or AlertNoticeEvent.Closed or AlertNoticeEvent.Cleared when alert.NotifiedAt is null => "Nobody was told of the alert.",
        _ => null,
    };

    private static NotificationOutboxEntry Delivery(NotificationOutboxEntry source, OutboxKind kind, string target, string payload, DateTimeOffset now) => new()
    {
        TenantId = source.TenantId, Kind = kind, Event = source.Event, AlertId = source.AlertId, Target = target, Payload = payload,
        CreatedAt = now, DueAt = now,
    };
}

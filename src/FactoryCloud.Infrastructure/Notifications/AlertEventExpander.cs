using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

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
            await TellPeopleAsync(db, entry, alert, notice, payload, recipients, now, ct);
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

    /// <summary>
    /// Each recipient as they chose for alerts (<see cref="NotificationPreference.Alert"/>): email (the default) and a
    /// notification centre entry, the centre entry only, or nothing. Whoever acknowledged or closed the alert is not
    /// told of their own action.
    /// </summary>
    private async Task TellPeopleAsync(AppDbContext db, NotificationOutboxEntry entry, Alert alert, AlertNotice notice, string payload,
        IEnumerable<string> recipients, DateTimeOffset now, CancellationToken ct)
    {
        var actor = entry.Event switch
        {
            AlertNoticeEvent.Acknowledged => alert.AcknowledgedBy,
            AlertNoticeEvent.Closed => alert.ClosedBy,
            _ => null,
        };
        var people = (await NoticeRecipients.PeopleAsync(db, recipients, ct)).Where(p => p.UserId != actor).ToList();
        var ids = people.Select(p => p.UserId).ToList();
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.Alert, ct);
        var link = options.PublicBaseUrl is { Length: > 0 } baseUrl && notice.Link.StartsWith(baseUrl.TrimEnd('/'), StringComparison.Ordinal)
            ? notice.Link[baseUrl.TrimEnd('/').Length..] : notice.Link;
        foreach (var (userId, email) in people)
        {
            var channel = preferences.GetValueOrDefault(userId, PersonalChannel.Email);
            if (channel == PersonalChannel.None) continue;
            db.PersonalNotifications.Add(new PersonalNotification
            {
                TenantId = entry.TenantId, UserId = userId, Kind = PersonalNoticeKind.Alert, Title = Clip(notice.Title, PersonalNotification.TitleMaxLength),
                Text = Clip(notice.Detail, PersonalNotification.TextMaxLength), Link = Clip(link, PersonalNotification.LinkMaxLength), ActorId = actor, CreatedAt = now,
            });
            if (channel == PersonalChannel.Email && email is not null) db.NotificationOutbox.Add(Delivery(entry, OutboxKind.Email, email, payload, now));
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

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

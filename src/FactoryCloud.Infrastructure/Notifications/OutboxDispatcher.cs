using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Email;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// Sends a claimed email or webhook entry and records the outcome: done; or, after a failed round, due again after a
/// doubling wait until <see cref="NotificationOptions.MaxRounds"/>, then failed. Webhook attempts go to the delivery log.
/// </summary>
internal sealed class OutboxDispatcher(IEmailSender email, WebhookSender webhooks, NotificationOptions options, ILogger logger)
{
    public async Task SendAsync(AppDbContext db, NotificationOutboxEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        if (entry.Kind == OutboxKind.PersonalEmail)
        {
            await SendPersonalAsync(db, entry, now, ct);
            return;
        }
        if (NoticeJson.Deserialize(entry.Payload) is not { } notice)
        {
            OutboxClaims.Finish(entry, OutboxStatus.Failed, now, "The notice could not be read.");
            await db.SaveChangesAsync(ct);
            return;
        }
        var error = entry.Kind == OutboxKind.Email ? await SendEmailAsync(entry, notice, ct) : await SendWebhookAsync(db, entry, notice, now, ct);
        await RecordAsync(db, entry, now, error, ct);
    }

    /// <summary>A personal notice or digest (<see cref="PersonalEmail"/>): one email, retried like an alert email.</summary>
    private async Task SendPersonalAsync(AppDbContext db, NotificationOutboxEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        if (PersonalEmail.Deserialize(entry.Payload) is not { } message)
        {
            OutboxClaims.Finish(entry, OutboxStatus.Failed, now, "The notice could not be read.");
            await db.SaveChangesAsync(ct);
            return;
        }
        string? error = null;
        try
        {
            await email.SendAsync(entry.Target!, message.Subject, message.Body(options), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Notice email to {To} failed", entry.Target);
            error = e.Message;
        }
        await RecordAsync(db, entry, now, error, ct);
    }

    private async Task RecordAsync(AppDbContext db, NotificationOutboxEntry entry, DateTimeOffset now, string? error, CancellationToken ct)
    {
        if (error is null) OutboxClaims.Finish(entry, OutboxStatus.Done, now);
        else if (error.Length == 0) OutboxClaims.Finish(entry, OutboxStatus.Dropped, now, "The webhook was deleted or disabled.");
        else
        {
            entry.Attempts++;
            if (entry.Attempts >= options.MaxRounds) OutboxClaims.Finish(entry, OutboxStatus.Failed, now, error);
            else
            {
                entry.DueAt = now + options.RoundDelay * Math.Pow(2, entry.Attempts - 1);
                entry.LockedUntil = null;
                entry.LastError = OutboxClaims.Truncate(error);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Null when sent; the reason otherwise.</summary>
    private async Task<string?> SendEmailAsync(NotificationOutboxEntry entry, AlertNotice notice, CancellationToken ct)
    {
        try
        {
            await email.SendAsync(entry.Target!, notice.Title, notice.Text, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Alert notice email to {To} failed", entry.Target);
            return e.Message;
        }
    }

    /// <summary>Null when delivered; "" when there is no such enabled webhook any more; the reason otherwise.</summary>
    private async Task<string?> SendWebhookAsync(AppDbContext db, NotificationOutboxEntry entry, AlertNotice notice, DateTimeOffset now, CancellationToken ct)
    {
        if (!Guid.TryParse(entry.Target, out var id) || await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id && w.Enabled, ct) is not { } webhook)
            return "";
        var before = await db.WebhookDeliveries.CountAsync(d => d.DeliveryId == entry.Id, ct);
        var attempts = await webhooks.SendAsync(webhook, entry.Id, notice, before + 1, ct);
        db.WebhookDeliveries.AddRange(attempts.Select(a => WebhookLog.Entry(webhook.Id, entry.Id, notice.EventName, a)));
        return attempts is [.., { Succeeded: true }] ? null : attempts is [.., var last] ? last.Error ?? $"HTTP {last.StatusCode}" : "No attempt was made.";
    }
}

/// <summary>A delivery log row from an attempt.</summary>
public static class WebhookLog
{
    public static WebhookDelivery Entry(Guid webhookId, Guid deliveryId, string eventName, WebhookAttempt a) => new()
    {
        WebhookId = webhookId, DeliveryId = deliveryId, Event = eventName, Attempt = a.Number, At = a.At, StatusCode = a.StatusCode,
        Succeeded = a.Succeeded, DurationMs = Math.Round(a.DurationMs, 1),
        Error = a.Error is { Length: > WebhookDelivery.ErrorMaxLength } text ? text[..WebhookDelivery.ErrorMaxLength] : a.Error,
    };
}

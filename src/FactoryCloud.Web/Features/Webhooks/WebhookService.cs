using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Notifications;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Webhooks;

/// <summary>
/// The current organisation's webhooks, their delivery log and "send test". Owners and Admins only: a webhook's
/// address (a Teams or Slack URL is itself a secret) and where the organisation's alerts go are theirs to decide.
/// </summary>
public sealed class WebhookService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, AuditLog audit, TimeProvider clock, WebhookSender sender,
    IOptions<NotificationOptions> options)
{
    public const int LogLimit = 100;
    private const string AdminsOnly = "Only Owners and Admins can see and change webhooks.";

    private bool Allowed => current.Role?.CanManageMembers() == true;

    public async Task<OperationResult<IReadOnlyList<WebhookView>>> ListAsync(CancellationToken ct = default)
    {
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
        return webhooks.Select(ToView).ToList();
    }

    public async Task<OperationResult<WebhookView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is { } webhook ? ToView(webhook) : Failure.NotFound("The webhook");
    }

    public async Task<OperationResult<WebhookWithSecret>> CreateAsync(WebhookRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var webhook = new Webhook
        {
            Name = request.Name.Trim(), Url = request.Url.Trim(), Format = request.Format, Enabled = request.Enabled,
            Secret = WebhookSignature.NewSecret(), CreatedAt = clock.GetUtcNow(),
        };
        db.Webhooks.Add(webhook);
        await audit.AddAsync(db, AuditAction.WebhookCreated, $"Webhook {webhook.Name}", $"{WebhookFormats.Name(webhook.Format)} to {Host(webhook.Url)}", ct);
        await db.SaveChangesAsync(ct);
        return new WebhookWithSecret(ToView(webhook), webhook.Secret);
    }

    public async Task<OperationResult<WebhookView>> UpdateAsync(Guid id, WebhookRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } webhook) return Failure.NotFound("The webhook");
        (webhook.Name, webhook.Url, webhook.Format, webhook.Enabled) = (request.Name.Trim(), request.Url.Trim(), request.Format, request.Enabled);
        await audit.AddAsync(db, AuditAction.WebhookChanged, $"Webhook {webhook.Name}",
            $"{WebhookFormats.Name(webhook.Format)} to {Host(webhook.Url)}{(webhook.Enabled ? "" : " (disabled)")}", ct);
        await db.SaveChangesAsync(ct);
        return ToView(webhook);
    }

    /// <summary>Deletes the webhook and its delivery log; notices not yet sent to it are dropped.</summary>
    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } webhook) return Failure.NotFound("The webhook");
        db.Webhooks.Remove(webhook);
        await audit.AddAsync(db, AuditAction.WebhookDeleted, $"Webhook {webhook.Name}", null, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>A new secret, shown once; deliveries from now on are signed with it.</summary>
    public async Task<OperationResult<WebhookWithSecret>> RotateSecretAsync(Guid id, CancellationToken ct = default)
    {
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } webhook) return Failure.NotFound("The webhook");
        webhook.Secret = WebhookSignature.NewSecret();
        await audit.AddAsync(db, AuditAction.WebhookSecretRotated, $"Webhook {webhook.Name}", null, ct);
        await db.SaveChangesAsync(ct);
        return new WebhookWithSecret(ToView(webhook), webhook.Secret);
    }

    /// <summary>
    /// Sends a test notice now (retries included) and logs every attempt like any delivery. It waits for the answer,
    /// as the person who pressed the button does; alert notices never do.
    /// </summary>
    public async Task<OperationResult<WebhookTestResult>> SendTestAsync(Guid id, CancellationToken ct = default)
    {
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is not { } webhook) return Failure.NotFound("The webhook");
        var organisation = await db.Tenants.Where(t => t.Id == webhook.TenantId).Select(t => t.Name).FirstAsync(ct);
        var notice = AlertNoticeComposer.Test(options.Value, organisation, clock.GetUtcNow());
        var deliveryId = Guid.CreateVersion7();
        var attempts = await sender.SendAsync(webhook, deliveryId, notice, 1, ct);
        var log = attempts.Select(a => WebhookLog.Entry(webhook.Id, deliveryId, notice.EventName, a)).ToList();
        db.WebhookDeliveries.AddRange(log);
        await db.SaveChangesAsync(ct);
        return new WebhookTestResult(attempts is [.., { Succeeded: true }], log.Select(ToView).ToList());
    }

    /// <summary>The latest attempts, newest first.</summary>
    public async Task<OperationResult<IReadOnlyList<WebhookDeliveryView>>> DeliveriesAsync(Guid id, CancellationToken ct = default)
    {
        if (!Allowed) return Failure.Forbidden(AdminsOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct)) return Failure.NotFound("The webhook");
        var log = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id)
            .OrderByDescending(d => d.At).ThenByDescending(d => d.Attempt).Take(LogLimit).ToListAsync(ct);
        return log.Select(ToView).ToList();
    }

    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "?";

    private static WebhookView ToView(Webhook w) => new(w.Id, w.Name, w.Url, w.Format, w.Enabled, w.CreatedAt);

    private static WebhookDeliveryView ToView(WebhookDelivery d) =>
        new(d.Id, d.DeliveryId, d.Event, d.Attempt, d.At, d.StatusCode, d.Succeeded, d.DurationMs, d.Error);
}

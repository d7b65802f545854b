using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Notifications;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// The daily digest: for each member who chose it, at most one email a day listing their unread notices of the last
/// day. The email is an outbox entry (sent by <see cref="NotificationWorker"/>, retried like any other) written in the
/// same transaction as <see cref="NotificationPreference.LastDigestAt"/>, and that stamp is set by a conditional update
/// only one process wins, so neither a restart nor a second web instance sends a digest twice.
/// </summary>
public sealed class NotificationDigest(AppDbContextFactory contexts, PersonalNotices personal, TimeProvider clock, ILogger<NotificationDigest> logger)
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>Makes every digest that is due now; returns how many emails were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var db = contexts.Create(DataScope.None))
            tenants = await db.Tenants.Where(t => t.DeletedAt == null).Select(t => t.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var tenant in tenants)
        {
            try
            {
                queued += await TenantAsync(tenant, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Daily digests of tenant {Tenant} failed", tenant);
            }
        }
        return queued;
    }

    private async Task<int> TenantAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dueBefore = now - Period;
        List<NotificationPreference> due;
        await using (var db = contexts.Create(DataScope.ForTenant(tenantId)))
            due = await db.NotificationPreferences.AsNoTracking().Where(p => p.DailyDigest).ToListAsync(ct);
        // LastDigestAt is compared in memory: SQLite cannot order DateTimeOffset columns.
        due = due.Where(p => p.LastDigestAt is null || p.LastDigestAt <= dueBefore).ToList();
        var queued = new List<Guid>();
        foreach (var preference in due)
        {
            await using var db = contexts.Create(DataScope.ForTenant(tenantId));
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var previous = preference.LastDigestAt;
            var won = await db.NotificationPreferences
                .Where(p => p.UserId == preference.UserId && p.DailyDigest && p.LastDigestAt == previous)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastDigestAt, now), ct);
            if (won != 1) continue;
            var since = previous is { } last && last > dueBefore ? last : dueBefore;
            var unread = (await db.PersonalNotifications.AsNoTracking()
                    .Where(n => n.UserId == preference.UserId && n.ReadAt == null).ToListAsync(ct))
                .Where(n => n.CreatedAt > since).OrderBy(n => n.CreatedAt).ToList();
            var member = await db.Memberships.AnyAsync(m => m.UserId == preference.UserId, ct);
            var email = await db.Users.Where(u => u.Id == preference.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            if (unread.Count > 0 && member && email is not null)
            {
                var organisation = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
                db.NotificationOutbox.Add(PersonalEmail.Entry(tenantId, email, Compose(organisation, unread), now));
                await db.SaveChangesAsync(ct);
                queued.Add(preference.UserId);
            }
            await transaction.CommitAsync(ct);
        }
        // Wakes the outbox worker, which sends the digests now.
        if (queued.Count > 0) personal.Announce(tenantId, queued);
        return queued.Count;
    }

    public static PersonalEmail Compose(string organisation, IReadOnlyList<PersonalNotification> unread)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{unread.Count} unread notification{(unread.Count == 1 ? "" : "s")} of the last day in {organisation}:\n\n");
        foreach (var n in unread)
            text.Append(CultureInfo.InvariantCulture, $"- {n.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · {n.Title}\n  {n.Link}\n");
        return new PersonalEmail($"FactoryCloud daily digest: {unread.Count} unread in {organisation}", text.ToString(), "/notifications");
    }
}

/// <summary>Runs <see cref="NotificationDigest"/> every <see cref="NotificationOptions.DigestInterval"/>.</summary>
public sealed class NotificationDigestWorker(NotificationDigest digest, IOptions<NotificationOptions> options, ILogger<NotificationDigestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestInterval);
        do
        {
            try
            {
                await digest.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The daily digest run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

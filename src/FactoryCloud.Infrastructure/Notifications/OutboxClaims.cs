using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// Which due entries a pass takes, and the claim that keeps two processes (web instances on PostgreSQL) from taking
/// the same one: a conditional update of <see cref="NotificationOutboxEntry.LockedUntil"/> that only one wins.
/// </summary>
internal static class OutboxClaims
{
    public static Task<List<Guid>> DueAsync(AppDbContext db, OutboxKind[] kinds, DateTimeOffset now, int batch, CancellationToken ct) =>
        db.NotificationOutbox.AsNoTracking()
            .Where(e => e.Status == OutboxStatus.Pending && e.DueAt <= now && kinds.Contains(e.Kind) && (e.LockedUntil == null || e.LockedUntil <= now))
            .OrderBy(e => e.DueAt).ThenBy(e => e.Id)
            .Select(e => e.Id).Take(batch).ToListAsync(ct);

    /// <summary>The entry, tracked, if this process won it; null if another did or it is no longer pending.</summary>
    public static async Task<NotificationOutboxEntry?> ClaimAsync(AppDbContext db, Guid id, DateTimeOffset now, TimeSpan timeout, CancellationToken ct)
    {
        var until = now + timeout;
        var won = await db.NotificationOutbox
            .Where(e => e.Id == id && e.Status == OutboxStatus.Pending && (e.LockedUntil == null || e.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedUntil, until), ct);
        return won == 1 ? await db.NotificationOutbox.FirstOrDefaultAsync(e => e.Id == id, ct) : null;
    }

    public static void Finish(NotificationOutboxEntry entry, OutboxStatus status, DateTimeOffset now, string? error = null)
    {
        entry.Status = status;
        entry.DoneAt = now;
        entry.LockedUntil = null;
        entry.LastError = Truncate(error);
    }

    public static string? Truncate(string? text) =>
        text is { Length: > NotificationOutboxEntry.ErrorMaxLength } ? text[..NotificationOutboxEntry.ErrorMaxLength] : text;
}

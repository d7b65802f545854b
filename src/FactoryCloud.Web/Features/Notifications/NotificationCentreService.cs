using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Web.Features.Notifications;

/// <summary>
/// The signed-in member's own notices in the current organisation (list, unread count, mark read), their notification
/// preferences, watching work items, and the members a comment may mention. Another member's notice, or another
/// organisation's, is "not found".
/// </summary>
public sealed class NotificationCentreService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, TimeProvider clock)
{
    public async Task<OperationResult<NotificationList>> ListAsync(NotificationQuery query, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(query) is { } invalid) return invalid;
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = db.PersonalNotifications.AsNoTracking().Where(n => n.UserId == me);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        if (query.UnreadOnly) mine = mine.Where(n => n.ReadAt == null);
        if (query.Kind is { } kind) mine = mine.Where(n => n.Kind == kind);
        var total = await mine.CountAsync(ct);
        // Ordered by id: version 7 GUIDs grow with time, and SQLite cannot order DateTimeOffset columns.
        var items = await mine.OrderByDescending(n => n.Id).Skip(query.Skip).Take(query.Take).ToListAsync(ct);
        return new NotificationList(items.Select(ToView).ToList(), total, unread);
    }

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (Me() is not { } me) return 0;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PersonalNotifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
    }

    public async Task<OperationResult<NotificationView>> MarkReadAsync(Guid id, bool read = true, CancellationToken ct = default)
    {
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.PersonalNotifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == me, ct) is not { } notice)
            return Failure.NotFound("The notification");
        notice.ReadAt = read ? notice.ReadAt ?? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        return ToView(notice);
    }

    public async Task<OperationResult<MarkedRead>> MarkAllReadAsync(CancellationToken ct = default)
    {
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var marked = await db.PersonalNotifications.Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return new MarkedRead(marked);
    }

    public async Task<OperationResult<NotificationPreferencesRequest>> GetPreferencesAsync(CancellationToken ct = default)
    {
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == me, ct);
        return NotificationPreferencesRequest.From(stored ?? NotificationPreference.Defaults(current.RequireTenantId(), me));
    }

    public async Task<OperationResult<NotificationPreferencesRequest>> SavePreferencesAsync(NotificationPreferencesRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == me, ct);
        if (stored is null)
        {
            stored = NotificationPreference.Defaults(current.RequireTenantId(), me);
            db.NotificationPreferences.Add(stored);
        }
        request.ApplyTo(stored);
        await db.SaveChangesAsync(ct);
        return NotificationPreferencesRequest.From(stored);
    }

    public async Task<OperationResult<WatchView>> GetWatchAsync(Guid workItemId, CancellationToken ct = default)
    {
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workItemId, ct) is not { } item) return Failure.NotFound("The work item");
        var watchers = WorkItemWatch.Watchers(item.CreatedBy, item.AssigneeId, await db.WorkItemWatches.AsNoTracking().Where(w => w.WorkItemId == workItemId).ToListAsync(ct));
        return new WatchView(workItemId, watchers.Contains(me), watchers.Count);
    }

    /// <summary>Starts or stops watching (any member, Viewers too: it changes only what they are told).</summary>
    public async Task<OperationResult<WatchView>> SetWatchAsync(Guid workItemId, bool watching, CancellationToken ct = default)
    {
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.WorkItems.AnyAsync(w => w.Id == workItemId, ct)) return Failure.NotFound("The work item");
            var choice = await db.WorkItemWatches.FirstOrDefaultAsync(w => w.WorkItemId == workItemId && w.UserId == me, ct);
            if (choice is null) db.WorkItemWatches.Add(new WorkItemWatch { WorkItemId = workItemId, UserId = me, Watching = watching });
            else choice.Watching = watching;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Two clicks at once: the other one's choice stands, it is the same member's.
            }
        }
        return await GetWatchAsync(workItemId, ct);
    }

    /// <summary>Members of this organisation whose name or address starts a word with <paramref name="query"/> (at most <paramref name="take"/>).</summary>
    public async Task<IReadOnlyList<MentionCandidate>> MentionCandidatesAsync(string? query, int take = 8, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Memberships.AsNoTracking().Select(m => m.UserId).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new MentionCandidate(u.Id, u.DisplayName ?? u.Email ?? "member")).ToListAsync(ct);
        return Filter(people, query, take);
    }

    public static IReadOnlyList<MentionCandidate> Filter(IEnumerable<MentionCandidate> people, string? query, int take)
    {
        var q = (query ?? "").Trim();
        return people.Where(p => q.Length == 0 || p.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase)
                || p.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(q, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Take(take).ToList();
    }

    private Guid? Me() => current.IsResolved && current.UserId is { } id && id != Guid.Empty ? id : null;

    private static NotificationView ToView(PersonalNotification n) => new(n.Id, n.Kind, n.Title, n.Text, n.Link, n.WorkItemId, n.CreatedAt, n.ReadAt);
}

using System.Runtime.CompilerServices;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Notifications;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// Tells people about their work, in the same save as the change: a work item assigned to them, a mention in a
/// comment, a status change of an item they watch, a sprint of their product starting or closing. It reads what the
/// save adds (history rows, comments, sprint state changes), so every path that changes work items (pages, API,
/// bulk edit, board, CSV import) notifies alike. Never the person who made the change, only current members of the
/// organisation, each as they chose (<see cref="NotificationPreference"/>): a centre entry, plus an email through the
/// notification outbox, or nothing.
/// </summary>
public sealed class PersonalNotices : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, StagedTenant> Staged = new();

    /// <summary>Notices for these members of this tenant were saved (the bell refreshes, the outbox worker wakes).</summary>
    public event Action<Guid, IReadOnlyCollection<Guid>>? Told;

    private sealed record StagedTenant(Guid TenantId, HashSet<Guid> Users);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await StageAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) StageAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Announce(eventData.Context);
        return result;
    }

    private void Announce(DbContext? context)
    {
        if (context is null || !Staged.TryGetValue(context, out var staged)) return;
        Staged.Remove(context);
        Told?.Invoke(staged.TenantId, staged.Users);
    }

    /// <summary>Tells <paramref name="userIds"/> of a notice (from outside a work item save, e.g. an alert).</summary>
    public void Announce(Guid tenantId, IReadOnlyCollection<Guid> userIds) => Told?.Invoke(tenantId, userIds);

    private static async Task StageAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Scope.TenantId is not { } tenantId) return;
        // Read without a full DetectChanges (every save in every process passes here, ingestion's too): added rows are
        // known to the tracker already; only comments and sprints are checked for changed properties, entry by entry.
        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        List<WorkItemHistoryEntry> history;
        List<(WorkItemComment Comment, IReadOnlyList<Guid> Before)> comments;
        List<Sprint> sprints;
        try
        {
            history = tracker.Entries<WorkItemHistoryEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
                .Where(h => h.Field is WorkItemFields.Assignee or WorkItemFields.Column or WorkItemFields.Created).ToList();
            var commentEntries = tracker.Entries<WorkItemComment>().ToList();
            foreach (var entry in commentEntries) entry.DetectChanges();
            comments = commentEntries
                .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(c => c.Body).IsModified))
                .Select(e => (Comment: e.Entity, Before: e.State == EntityState.Added ? (IReadOnlyList<Guid>)[] : CommentMentions.Parse(e.Property(c => c.Body).OriginalValue)))
                .Where(c => c.Comment.Body.Contains("<@", StringComparison.Ordinal)).ToList();
            var sprintEntries = tracker.Entries<Sprint>().ToList();
            foreach (var entry in sprintEntries) entry.DetectChanges();
            sprints = sprintEntries
                .Where(e => e.State == EntityState.Modified && e.Property(s => s.State).IsModified && e.Entity.State is SprintState.Active or SprintState.Closed)
                .Select(e => e.Entity).ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
        if (history.Count == 0 && comments.Count == 0 && sprints.Count == 0) return;

        var drafts = new List<Draft>();
        var created = history.Where(h => h.Field == WorkItemFields.Created).Select(h => h.WorkItemId).ToHashSet();
        foreach (var h in history.Where(h => h.Field == WorkItemFields.Assignee && WorkItemFields.ParseId(h.NewValue) is not null))
        {
            var item = await ItemAsync(db, h.WorkItemId, ct);
            if (item is null) continue;
            drafts.Add(new Draft(WorkItemFields.ParseId(h.NewValue)!.Value, PersonalNoticeKind.Assigned, h.UserId,
                $"{Who(h.UserName)} assigned you \"{item.Title}\"", $"{item.Type} \"{item.Title}\" is yours now.", ItemLink(item.Id), item.Id));
        }
        foreach (var h in history.Where(h => h.Field == WorkItemFields.Column && !created.Contains(h.WorkItemId)))
        {
            var item = await ItemAsync(db, h.WorkItemId, ct);
            if (item is null) continue;
            var columns = await ColumnNamesAsync(db, [WorkItemFields.ParseId(h.OldValue), WorkItemFields.ParseId(h.NewValue)], ct);
            var from = columns.GetValueOrDefault(WorkItemFields.ParseId(h.OldValue) ?? Guid.Empty, "?");
            var to = columns.GetValueOrDefault(WorkItemFields.ParseId(h.NewValue) ?? Guid.Empty, "?");
            var choices = await db.WorkItemWatches.AsNoTracking().Where(w => w.WorkItemId == item.Id).ToListAsync(ct);
            choices.AddRange(db.ChangeTracker.Entries<WorkItemWatch>().Where(e => e.Entity.WorkItemId == item.Id && e.State == EntityState.Added).Select(e => e.Entity));
            foreach (var watcher in WorkItemWatch.Watchers(item.CreatedBy, item.AssigneeId, choices))
                drafts.Add(new Draft(watcher, PersonalNoticeKind.WatchedStatus, h.UserId,
                    $"\"{item.Title}\" moved to {to}", $"{Who(h.UserName)} moved {item.Type} \"{item.Title}\" from {from} to {to}.", ItemLink(item.Id), item.Id));
        }
        foreach (var (comment, before) in comments)
        {
            var mentioned = CommentMentions.Parse(comment.Body).Except(before).ToList();
            if (mentioned.Count == 0) continue;
            var item = await ItemAsync(db, comment.WorkItemId, ct);
            if (item is null) continue;
            var names = await NamesAsync(db, CommentMentions.Parse(comment.Body), ct);
            var text = CommentMentions.Display(comment.Body, id => names.GetValueOrDefault(id));
            foreach (var user in mentioned)
                drafts.Add(new Draft(user, PersonalNoticeKind.Mentioned, comment.AuthorId,
                    $"{Who(comment.AuthorName)} mentioned you on \"{item.Title}\"", Excerpt(text), ItemLink(item.Id), item.Id));
        }
        foreach (var sprint in sprints)
        {
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == sprint.ProductId, ct);
            if (product is null) continue;
            var people = new HashSet<Guid>();
            if (product.TeamId is { } teamId && await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) is { } team)
                people.UnionWith(team.Members.Select(m => m.UserId));
            people.UnionWith(await db.WorkItems.AsNoTracking().Where(w => w.SprintId == sprint.Id && w.AssigneeId != null).Select(w => w.AssigneeId!.Value).ToListAsync(ct));
            var actorName = db.Scope.UserId is { } actorId ? (await NamesAsync(db, [actorId], ct)).GetValueOrDefault(actorId) : null;
            var verb = sprint.State == SprintState.Active ? "started" : "closed";
            foreach (var person in people)
                drafts.Add(new Draft(person, PersonalNoticeKind.Sprint, db.Scope.UserId,
                    $"Sprint \"{sprint.Name}\" of {product.Name} {verb}", $"{Who(actorName)} {verb} sprint \"{sprint.Name}\" ({sprint.StartDate:yyyy-MM-dd} to {sprint.EndDate:yyyy-MM-dd}).",
                    $"/backlogs/{product.Id}/sprints", null));
        }

        var told = await DeliverAsync(db, tenantId, drafts, DateTimeOffset.UtcNow, ct);
        if (told.Count > 0) Staged.AddOrUpdate(db, new StagedTenant(tenantId, told));
    }

    /// <summary>A notice before the recipient's choice is applied.</summary>
    public sealed record Draft(Guid UserId, PersonalNoticeKind Kind, Guid? ActorId, string Title, string Text, string Link, Guid? WorkItemId);

    /// <summary>
    /// Adds the drafts to the context as each recipient chose: skipping the actor, non-members and duplicates (one
    /// notice per person, kind and thing in one save). Returns who was told. The caller saves.
    /// </summary>
    public static async Task<HashSet<Guid>> DeliverAsync(AppDbContext db, Guid tenantId, IReadOnlyList<Draft> drafts, DateTimeOffset now, CancellationToken ct)
    {
        var told = new HashSet<Guid>();
        var candidates = drafts.Where(d => d.UserId != Guid.Empty && d.UserId != d.ActorId)
            .DistinctBy(d => (d.UserId, d.Kind, d.Link)).ToList();
        if (candidates.Count == 0) return told;
        var ids = candidates.Select(d => d.UserId).Distinct().ToList();
        // Memberships are filtered to this tenant: an id from another organisation is nobody here.
        var members = (await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null).ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        foreach (var draft in candidates.Where(d => members.Contains(d.UserId)))
        {
            var channel = (preferences.GetValueOrDefault(draft.UserId) ?? NotificationPreference.Defaults(tenantId, draft.UserId)).For(draft.Kind);
            if (channel == PersonalChannel.None) continue;
            var notice = new PersonalNotification
            {
                TenantId = tenantId, UserId = draft.UserId, Kind = draft.Kind, Title = Clip(draft.Title, PersonalNotification.TitleMaxLength),
                Text = Clip(draft.Text, PersonalNotification.TextMaxLength), Link = draft.Link, WorkItemId = draft.WorkItemId, ActorId = draft.ActorId,
                CreatedAt = now,
            };
            db.PersonalNotifications.Add(notice);
            if (channel == PersonalChannel.Email && emails.TryGetValue(draft.UserId, out var email))
                db.NotificationOutbox.Add(PersonalEmail.Entry(tenantId, email, new PersonalEmail(notice.Title, notice.Text, notice.Link), now));
            told.Add(draft.UserId);
        }
        return told;
    }

    private static async Task<WorkItem?> ItemAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        db.ChangeTracker.Entries<WorkItem>().FirstOrDefault(e => e.Entity.Id == id)?.Entity
        ?? await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);

    private static async Task<Dictionary<Guid, string>> ColumnNamesAsync(AppDbContext db, Guid?[] ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().ToList();
        return await db.WorkflowColumns.AsNoTracking().Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    /// <summary>Names of those of <paramref name="ids"/> who are members of the scope's organisation.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var members = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        return await db.Users.AsNoTracking().Where(u => members.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "member", ct);
    }

    public static string ItemLink(Guid id) => $"/backlogs/items/{id:D}";

    private static string Who(string? name) => string.IsNullOrWhiteSpace(name) ? "Someone" : name;

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..299] + "…";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

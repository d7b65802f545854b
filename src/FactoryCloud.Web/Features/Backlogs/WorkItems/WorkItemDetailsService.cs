using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>What hangs off a work item: comments, attachment metadata, links, and its activity history.</summary>
public sealed class WorkItemDetailsService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor)
{
    private const string CommentField = "Comment";

    public async Task<OperationResult<IReadOnlyList<HistoryView>>> HistoryAsync(Guid workItemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.WorkItems.AnyAsync(w => w.Id == workItemId, ct)) return Failure.NotFound("The work item");
        var entries = await db.WorkItemHistory.Where(h => h.WorkItemId == workItemId).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ct);
        return entries.Select(h => h.ToView()).ToList();
    }

    /// <summary>The history as the item page shows it: labels and names (<see cref="ReadableHistory"/>).</summary>
    public async Task<IReadOnlyList<ReadableHistoryEntry>> ReadableHistoryAsync(Guid workItemId, IReadOnlyList<Person> people, CancellationToken ct = default)
    {
        if ((await HistoryAsync(workItemId, ct)).Value is not { } entries) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ReadableHistory.ReadAsync(db, entries, people, ct);
    }

    public async Task<OperationResult<IReadOnlyList<CommentView>>> CommentsAsync(Guid workItemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.WorkItems.AnyAsync(w => w.Id == workItemId, ct)) return Failure.NotFound("The work item");
        var comments = await db.WorkItemComments.Where(c => c.WorkItemId == workItemId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        var names = await MentionNamesAsync(db, comments.SelectMany(c => CommentMentions.Parse(c.Body)).Distinct().ToList(), ct);
        return comments.Select(c => c.ToView(names)).ToList();
    }

    public Task<OperationResult<CommentView>> AddCommentAsync(Guid workItemId, CommentRequest request, CancellationToken ct = default) =>
        OnItemAsync<CommentView>(workItemId, request, async (db, item, name) =>
        {
            var comment = new WorkItemComment { WorkItemId = item.Id, AuthorId = actor.UserId ?? Guid.Empty, AuthorName = name, Body = request.Body, CreatedAt = actor.Now };
            db.WorkItemComments.Add(comment);
            WorkItemHistory.Add(db, item, actor, name, CommentField, null, Excerpt(request.Body));
            await db.SaveChangesAsync(ct);
            return comment.ToView(await MentionNamesAsync(db, CommentMentions.Parse(comment.Body), ct));
        }, ct);

    /// <summary>Only the author edits a comment (<see cref="CommentRules"/>); the edit time is kept and the change goes to the item's history.</summary>
    public async Task<OperationResult<CommentView>> EditCommentAsync(Guid commentId, CommentRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItemComments.FirstOrDefaultAsync(c => c.Id == commentId, ct) is not { } comment) return Failure.NotFound("The comment");
        if (!CommentRules.CanEdit(comment.AuthorId, actor.UserId, actor.Role)) return Failure.Forbidden("Only the author can change a comment.");
        if (comment.Body == request.Body) return comment.ToView(await MentionNamesAsync(db, CommentMentions.Parse(comment.Body), ct));
        var item = await db.WorkItems.FirstAsync(w => w.Id == comment.WorkItemId, ct);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), CommentField, Excerpt(comment.Body), Excerpt(request.Body));
        (comment.Body, comment.EditedAt) = (request.Body, actor.Now);
        await db.SaveChangesAsync(ct);
        return comment.ToView(await MentionNamesAsync(db, CommentMentions.Parse(comment.Body), ct));
    }

    /// <summary>The author deletes their comment; an Owner or Admin any comment (<see cref="CommentRules"/>).</summary>
    public async Task<OperationResult> DeleteCommentAsync(Guid commentId, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItemComments.FirstOrDefaultAsync(c => c.Id == commentId, ct) is not { } comment) return Failure.NotFound("The comment");
        if (!CommentRules.CanDelete(comment.AuthorId, actor.UserId, actor.Role)) return Failure.Forbidden("Only the author, an Owner or an Admin can delete a comment.");
        var item = await db.WorkItems.FirstAsync(w => w.Id == comment.WorkItemId, ct);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), CommentField, Excerpt(comment.Body), null);
        db.WorkItemComments.Remove(comment);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    public async Task<OperationResult<IReadOnlyList<AttachmentView>>> AttachmentsAsync(Guid workItemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.WorkItems.AnyAsync(w => w.Id == workItemId, ct)) return Failure.NotFound("The work item");
        return (await db.WorkItemAttachments.Where(a => a.WorkItemId == workItemId).OrderBy(a => a.UploadedAt).ToListAsync(ct)).Select(a => a.ToView()).ToList();
    }

    public Task<OperationResult<AttachmentView>> AddAttachmentAsync(Guid workItemId, AttachmentRequest request, CancellationToken ct = default) =>
        OnItemAsync<AttachmentView>(workItemId, request, async (db, item, name) =>
        {
            var attachment = new WorkItemAttachment
            {
                WorkItemId = item.Id, FileName = request.FileName.Trim(), ContentType = request.ContentType.Trim(), SizeBytes = request.SizeBytes,
                StorageKey = request.StorageKey.Trim(), UploadedBy = actor.UserId ?? Guid.Empty, UploadedAt = actor.Now,
            };
            db.WorkItemAttachments.Add(attachment);
            WorkItemHistory.Add(db, item, actor, name, "Attachment", null, attachment.FileName);
            await db.SaveChangesAsync(ct);
            return attachment.ToView();
        }, ct);

    public async Task<OperationResult> RemoveAttachmentAsync(Guid attachmentId, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItemAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct) is not { } attachment) return Failure.NotFound("The attachment");
        var item = await db.WorkItems.FirstAsync(w => w.Id == attachment.WorkItemId, ct);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), "Attachment", attachment.FileName, null);
        db.WorkItemAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct); // the stored bytes go with the row (StoredFileCleanup)
        return OperationResult.Success;
    }

    public Task<OperationResult<LinkView>> AddLinkAsync(Guid workItemId, LinkRequest request, CancellationToken ct = default) =>
        OnItemAsync<LinkView>(workItemId, request, async (db, item, name) =>
        {
            var link = new WorkItemLink { WorkItemId = item.Id, Kind = request.Kind, TargetId = request.TargetId.Trim(), Label = request.Label.Trim() };
            db.WorkItemLinks.Add(link);
            WorkItemHistory.Add(db, item, actor, name, "Link", null, $"{link.Kind}:{link.TargetId}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return Failure.Conflict("The item is already linked to this target.");
            }
            return link.ToView();
        }, ct);

    public async Task<OperationResult> RemoveLinkAsync(Guid linkId, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItemLinks.FirstOrDefaultAsync(l => l.Id == linkId, ct) is not { } link) return Failure.NotFound("The link");
        var item = await db.WorkItems.FirstAsync(w => w.Id == link.WorkItemId, ct);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), "Link", $"{link.Kind}:{link.TargetId}", null);
        db.WorkItemLinks.Remove(link);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>For other features: the work items linked to one of their things (an alert, a machine, a maturity dimension).</summary>
    public async Task<IReadOnlyList<LinkedWorkItem>> LinkedToAsync(string kind, string targetId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WorkItemLinks.Where(l => l.Kind == kind && l.TargetId == targetId)
            .Join(db.WorkItems, l => l.WorkItemId, w => w.Id, (l, w) => new { w.Id, w.ProductId, w.Type, w.Title, w.ColumnId })
            .Join(db.WorkflowColumns, w => w.ColumnId, c => c.Id, (w, c) => new LinkedWorkItem(w.Id, w.ProductId, w.Type, w.Title, c.Name, c.Category))
            .ToListAsync(ct);
    }

    private async Task<OperationResult<T>> OnItemAsync<T>(Guid workItemId, object request, Func<AppDbContext, WorkItem, string, Task<OperationResult<T>>> write, CancellationToken ct)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == workItemId, ct) is not { } item) return Failure.NotFound("The work item");
        return await write(db, item, await actor.NameAsync(db, ct));
    }

    /// <summary>
    /// Names of the mentioned members who belong to this organisation: a token of someone from another organisation
    /// shows as "unknown member" and tells nobody.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, string>> MentionNamesAsync(AppDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct) =>
        await Infrastructure.Notifications.PersonalNotices.NamesAsync(db, ids, ct);

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..199] + "…";
}

public sealed record LinkedWorkItem(Guid Id, Guid ProductId, WorkItemType Type, string Title, string ColumnName, ColumnCategory Category);

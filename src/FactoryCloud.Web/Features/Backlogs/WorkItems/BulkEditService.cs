using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

public sealed record BulkEditOutcome(MoveStatus Status, int Updated, string? Message = null);

/// <summary>One change applied to many items of a product, all or nothing.</summary>
public sealed class BulkEditService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor, ValueTrackingService value)
{
    /// <summary>Applies the same change to many items in one transaction, with history per item; WIP is checked for all of them at once.</summary>
    public async Task<OperationResult<BulkEditOutcome>> BulkEditAsync(Guid productId, BulkEditRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct) is not { } product) return Failure.NotFound("The product");
        var items = await db.WorkItems.Where(w => w.ProductId == productId && request.Ids.Contains(w.Id)).ToListAsync(ct);
        if (items.Count != request.Ids.Distinct().Count()) return Failure.NotFound("One or more of the work items");
        var probe = new WorkItemRequest { ColumnId = request.ColumnId, SprintId = request.SprintId, AssigneeId = request.AssigneeId };
        if (await WorkItemRules.CheckAsync(db, product, new WorkItem { ProductId = productId, Title = "", Rank = "" }, probe, ct) is { } problem) return problem;
        if (request.ColumnId is { } columnId)
        {
            var entering = items.Count(i => i.ColumnId != columnId);
            if (entering > 0 && await WipLimits.ProblemAsync(db, product, columnId, request.ConfirmWipBreach, ct, entering) is { } wip)
                return product.WipMode == WipMode.Strict ? wip : new BulkEditOutcome(MoveStatus.NeedsConfirmation, 0, wip.Message);
        }

        var name = await actor.NameAsync(db, ct);
        var moved = new List<Guid>();
        foreach (var item in items)
        {
            var before = WorkItemFields.Capture(item);
            if (request.ColumnId is { } column && column != item.ColumnId) { item.ColumnId = column; moved.Add(item.Id); }
            if (request.ClearAssignee) item.AssigneeId = null;
            else if (request.AssigneeId is { } assignee) item.AssigneeId = assignee;
            if (request.ClearSprint) item.SprintId = null;
            else if (request.SprintId is { } sprint) item.SprintId = sprint;
            if (request.Priority is { } priority) item.Priority = priority;
            var removeTokens = request.RemoveTags.Select(TagSet.Token).ToHashSet();
            item.Tags = TagSet.Normalize(TagSet.Parse(item.Tags).Where(t => !removeTokens.Contains(TagSet.Token(t))).Concat(request.AddTags));
            var changes = WorkItemFields.Diff(before, WorkItemFields.Capture(item));
            if (changes.Count == 0) continue;
            WorkItemHistory.RecordChanges(db, item, before, actor, name);
            item.Version++;
            item.UpdatedAt = actor.Now;
        }
        if (!await WorkItemCommit.UnlessChangedMeanwhileAsync(db, transaction, ct))
            return Failure.Conflict("Some of these items were changed by someone else meanwhile; nothing was changed. Try again.");
        foreach (var id in moved) await value.OnColumnChangedAsync(id, ct);
        return new BulkEditOutcome(MoveStatus.Moved, items.Count);
    }
}

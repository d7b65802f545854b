using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>
/// Creates, reads, changes and deletes work items. Every change writes activity history in the same transaction;
/// an edit carries the version it started from and a stale one answers 409. Where an item sits (rank, column, lane) is
/// <see cref="Board.WorkItemPlacementService"/>'s; many items at once <see cref="BulkEditService"/>'s.
/// </summary>
public sealed class WorkItemService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor, ValueTrackingService value)
{
    public async Task<WorkItemView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await WorkItemViews.LoadAsync(db, id, ct);
    }

    public Task<OperationResult<WorkItemView>> CreateAsync(Guid productId, WorkItemRequest request, CancellationToken ct = default) =>
        CreateCoreAsync(productId, request, link: null, ct);

    /// <summary>
    /// For other features (an alert, a maturity gap): creates a work item in the product's first column, at the end
    /// of its backlog, linked to <paramref name="link"/> (kind, target id, label), in one transaction.
    /// </summary>
    public Task<OperationResult<WorkItemView>> CreateLinkedAsync(
        Guid productId, WorkItemType type, string title, string description, LinkRequest link, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(link) is { } invalid) return Task.FromResult<OperationResult<WorkItemView>>(invalid);
        return CreateCoreAsync(productId, new WorkItemRequest { Type = type, Title = title, Description = description }, link, ct);
    }

    /// <summary>A title (and type) is enough: the item goes to the product's first column, at the end of the backlog.</summary>
    public async Task<OperationResult<BacklogRow>> QuickAddAsync(Guid productId, QuickAddRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        var created = await CreateAsync(productId, new WorkItemRequest
        {
            Title = request.Title, Type = request.Type, ParentId = request.ParentId, SprintId = request.SprintId,
        }, ct);
        if (created.Failure is { } failure) return failure;
        var item = created.Value!;
        return new BacklogRow(item.Id, item.Type, item.Title, item.ColumnId, item.Category, item.AssigneeId, item.Estimate, item.Priority,
            item.Tags, item.DueDate, item.ParentId, item.SprintId, item.Rank, item.Version);
    }

    public async Task<OperationResult<WorkItemView>> UpdateAsync(Guid id, WorkItemRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } item) return Failure.NotFound("The work item");
        if (request.Version is { } version && version != item.Version) return Stale();
        var product = await db.Products.FirstAsync(p => p.Id == item.ProductId, ct);
        request.ColumnId ??= item.ColumnId;
        if (await WorkItemRules.CheckAsync(db, product, item, request, ct) is { } problem) return problem;
        var oldColumn = item.ColumnId;
        if (oldColumn != request.ColumnId && await WipLimits.ProblemAsync(db, product, request.ColumnId.Value, request.ConfirmWipBreach, ct) is { } wip) return wip;

        var before = WorkItemFields.Capture(item);
        Apply(item, request);
        var custom = await WorkItemRules.ApplyCustomFieldsAsync(db, item, request.CustomFields, isNew: false, ct);
        if (custom.Failure is { } invalid) return invalid;
        var name = await actor.NameAsync(db, ct);
        WorkItemHistory.RecordChanges(db, item, before, actor, name);
        foreach (var change in custom.Value!) WorkItemHistory.Add(db, item, actor, name, change.Field, change.OldValue, change.NewValue);
        item.Version++;
        item.UpdatedAt = actor.Now;
        if (!await WorkItemCommit.UnlessChangedMeanwhileAsync(db, transaction, ct)) return Stale();
        if (oldColumn != item.ColumnId) await value.OnColumnChangedAsync(item.Id, ct);
        return (await WorkItemViews.LoadAsync(db, id, ct))!;
    }

    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } item) return Failure.NotFound("The work item");
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), WorkItemFields.Deleted, item.Title, null);
        db.WorkItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    private async Task<OperationResult<WorkItemView>> CreateCoreAsync(Guid productId, WorkItemRequest request, LinkRequest? link, CancellationToken ct)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        return await RankCollisions.RetryAsync<WorkItemView>(contexts, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct) is not { } product) return Failure.NotFound("The product");
            var columnId = request.ColumnId ?? await db.WorkflowColumns.Where(c => c.ProductId == productId).OrderBy(c => c.Position).Select(c => c.Id).FirstAsync(ct);
            var item = new WorkItem { ProductId = productId, Title = request.Title, Rank = "", CreatedAt = actor.Now, UpdatedAt = actor.Now, CreatedBy = actor.UserId };
            request.ColumnId = columnId;
            if (await WorkItemRules.CheckAsync(db, product, item, request, ct) is { } problem) return problem;
            if (await WipLimits.ProblemAsync(db, product, columnId, request.ConfirmWipBreach, ct) is { } wip) return wip;
            Apply(item, request);
            item.Rank = Rank.After(await db.WorkItems.Where(w => w.ProductId == productId).OrderByDescending(w => w.Rank).Select(w => w.Rank).FirstOrDefaultAsync(ct));
            db.WorkItems.Add(item);
            var custom = await WorkItemRules.ApplyCustomFieldsAsync(db, item, request.CustomFields, isNew: true, ct);
            if (custom.Failure is { } invalid) return invalid;
            var name = await actor.NameAsync(db, ct);
            WorkItemHistory.RecordCreated(db, item, actor, name);
            foreach (var change in custom.Value!) WorkItemHistory.Add(db, item, actor, name, change.Field, change.OldValue, change.NewValue);
            if (link is not null)
            {
                db.WorkItemLinks.Add(new WorkItemLink { WorkItemId = item.Id, Kind = link.Kind, TargetId = link.TargetId, Label = link.Label.Trim() });
                WorkItemHistory.Add(db, item, actor, name, "Link", null, $"{link.Kind}:{link.TargetId}");
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (await WorkItemViews.LoadAsync(db, item.Id, ct))!;
        }, ct);
    }

    private static void Apply(WorkItem item, WorkItemRequest request)
    {
        item.Type = request.Type;
        item.Title = request.Title.Trim();
        item.Description = request.Description;
        item.AcceptanceCriteria = request.AcceptanceCriteria;
        item.ColumnId = request.ColumnId ?? item.ColumnId;
        item.AssigneeId = request.AssigneeId;
        item.Estimate = request.Estimate;
        item.Priority = request.Priority;
        item.Tags = TagSet.Normalize(request.Tags);
        item.DueDate = request.DueDate;
        item.ParentId = request.ParentId;
        item.SprintId = request.SprintId;
    }

    private static Failure Stale() =>
        Failure.Conflict("Someone else changed this item since you opened it. Reload it and apply your change again.");

}

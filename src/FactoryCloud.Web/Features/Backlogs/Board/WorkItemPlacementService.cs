using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Backlogs.Board;

public sealed record RankResult(Guid Id, string Rank);

/// <summary>
/// Where an item sits: its rank in the backlog and its column and swimlane on the board. A reorder computes one key
/// between the new neighbours (<see cref="Rank"/>) and writes only the moved row. Concurrent reorders are optimistic:
/// the unique (product, rank) index refuses a second row taking the same key, and the version token a row changed
/// under us; either way the loser re-reads its neighbours and retries (<see cref="RankCollisions"/>), so both moves
/// land next to the items their users chose.
/// </summary>
public sealed class WorkItemPlacementService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor, ValueTrackingService value)
{
    /// <summary>Places the item right after <c>AfterId</c>, or right before <c>BeforeId</c>, or at the top when neither is given.</summary>
    public async Task<OperationResult<RankResult>> RankAsync(Guid id, RankRequest request, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        var result = await RankCollisions.RetryAsync<RankResult>(contexts, async db =>
        {
            if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } item) return Failure.NotFound("The work item");
            var rank = await NewRankAsync(db, item, request.AfterId, request.BeforeId, ct);
            if (rank.Failure is { } failure) return failure;
            if (rank.Value != item.Rank)
            {
                item.Rank = rank.Value!;
                await db.SaveChangesAsync(ct);
            }
            return new RankResult(item.Id, item.Rank);
        }, ct);
        if (result.Value is { } moved && Rank.NeedsRebalance(moved.Rank)) await RebalanceAsync(id, ct);
        return result;
    }

    /// <summary>
    /// Moves an item to a column (and optionally next to a card there), and into another swimlane when the request
    /// names one (a new assignee or parent epic). Over the column's WIP limit a warn-and-confirm product answers
    /// <see cref="MoveStatus.NeedsConfirmation"/> and changes nothing until the request confirms; a strict product
    /// refuses (409).
    /// </summary>
    public async Task<OperationResult<MoveOutcome>> MoveAsync(Guid id, MoveRequest request, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        var columnChanged = false;
        var result = await RankCollisions.RetryAsync<MoveOutcome>(contexts, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, ct) is not { } item) return Failure.NotFound("The work item");
            var column = await db.WorkflowColumns.FirstOrDefaultAsync(c => c.Id == request.ColumnId && c.ProductId == item.ProductId, ct);
            if (column is null) return Failure.Invalid(nameof(MoveRequest.ColumnId), "The column is not one of this product's.");
            var product = await db.Products.FirstAsync(p => p.Id == item.ProductId, ct);
            var before = WorkItemFields.Capture(item);
            if (await SwimlaneMoves.ApplyAsync(db, item, request, ct) is { } laneProblem) return laneProblem;
            var sameColumn = column.Id == item.ColumnId;
            if (!sameColumn && column.WipLimit is not null) await WipColumnLock.LockAsync(db, column.Id, ct);
            var count = sameColumn ? 0 : await db.WorkItems.CountAsync(w => w.ColumnId == column.Id, ct);
            switch (WipRule.Check(column.WipLimit, count, product.WipMode, request.ConfirmWipBreach, sameColumn))
            {
                case WipDecision.Refused:
                    return Failure.Conflict($"'{column.Name}' is at its WIP limit of {column.WipLimit}; this product does not allow going past it.");
                case WipDecision.NeedsConfirmation:
                    return new MoveOutcome(MoveStatus.NeedsConfirmation, null, column.Name, column.WipLimit, count);
            }

            if (request.AfterId is not null || request.BeforeId is not null)
            {
                var rank = await NewRankAsync(db, item, request.AfterId, request.BeforeId, ct);
                if (rank.Failure is { } failure) return failure;
                item.Rank = rank.Value!;
            }
            if (!sameColumn) item.ColumnId = column.Id;
            if (WorkItemFields.Diff(before, WorkItemFields.Capture(item)).Count > 0)
            {
                item.Version++;
                item.UpdatedAt = actor.Now;
                WorkItemHistory.RecordChanges(db, item, before, actor, await actor.NameAsync(db, ct));
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            columnChanged = !sameColumn;
            return new MoveOutcome(MoveStatus.Moved, null, column.Name, column.WipLimit, count + (sameColumn ? 0 : 1));
        }, ct);
        if (result.Value is not { Status: MoveStatus.Moved } outcome) return result;
        if (columnChanged) await value.OnColumnChangedAsync(id, ct);
        await using var read = await contexts.CreateDbContextAsync(ct);
        var view = await WorkItemViews.LoadAsync(read, id, ct);
        if (view is not null && Rank.NeedsRebalance(view.Rank)) await RebalanceAsync(id, ct);
        return outcome with { Item = view };
    }

    /// <summary>Rewrites the product's ranks evenly (rare: only once keys grew past <see cref="Rank.RebalanceLength"/>).</summary>
    public async Task RebalanceAsync(Guid anyItemOfProduct, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var productId = await db.WorkItems.Where(w => w.Id == anyItemOfProduct).Select(w => (Guid?)w.ProductId).FirstOrDefaultAsync(ct);
        if (productId is null) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var items = await db.WorkItems.Where(w => w.ProductId == productId).OrderBy(w => w.Rank).ToListAsync(ct);
        // Two passes: first out of the key space ('~' sorts after every digit), so no new key meets an old one.
        for (var i = 0; i < items.Count; i++) items[i].Rank = "~" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(ct);
        var keys = Rank.Spread(items.Count);
        for (var i = 0; i < items.Count; i++) items[i].Rank = keys[i];
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone edited an item meanwhile; the keys still work, just long. The next long key tries again.
            await transaction.RollbackAsync(ct);
        }
    }

    /// <summary>The key between the chosen neighbour and its current next (or previous) item, skipping the item itself.</summary>
    private static async Task<OperationResult<string>> NewRankAsync(AppDbContext db, WorkItem item, Guid? afterId, Guid? beforeId, CancellationToken ct)
    {
        if (afterId == item.Id || beforeId == item.Id) return Failure.Invalid(nameof(RankRequest.AfterId), "Place the item next to another item.");
        var others = db.WorkItems.Where(w => w.ProductId == item.ProductId && w.Id != item.Id);
        string? lower, upper;
        if (afterId is { } after)
        {
            lower = await others.Where(w => w.Id == after).Select(w => w.Rank).FirstOrDefaultAsync(ct);
            if (lower is null) return Failure.Invalid(nameof(RankRequest.AfterId), "The item to place after is not in this product.");
            upper = await others.Where(w => string.Compare(w.Rank, lower) > 0).OrderBy(w => w.Rank).Select(w => w.Rank).FirstOrDefaultAsync(ct);
        }
        else if (beforeId is { } before)
        {
            upper = await others.Where(w => w.Id == before).Select(w => w.Rank).FirstOrDefaultAsync(ct);
            if (upper is null) return Failure.Invalid(nameof(RankRequest.BeforeId), "The item to place before is not in this product.");
            lower = await others.Where(w => string.Compare(w.Rank, upper) < 0).OrderByDescending(w => w.Rank).Select(w => w.Rank).FirstOrDefaultAsync(ct);
        }
        else
        {
            lower = null;
            upper = await others.OrderBy(w => w.Rank).Select(w => w.Rank).FirstOrDefaultAsync(ct);
        }
        var alreadyThere = (lower is null || string.CompareOrdinal(lower, item.Rank) < 0) && (upper is null || string.CompareOrdinal(item.Rank, upper) < 0);
        return alreadyThere ? item.Rank : Rank.Between(lower, upper);
    }

}

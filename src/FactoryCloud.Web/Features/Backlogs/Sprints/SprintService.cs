using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Backlogs.Sprints;

/// <summary>Sprints: plan (items in and out, capacity against committed points), start, close with carry-over.</summary>
public sealed class SprintService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor)
{
    public async Task<OperationResult<IReadOnlyList<SprintView>>> ListAsync(Guid productId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return Failure.NotFound("The product");
        return (await db.Sprints.Where(s => s.ProductId == productId).OrderBy(s => s.StartDate).ToListAsync(ct)).Select(ToView).ToList();
    }

    public async Task<SprintView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is { } sprint ? ToView(sprint) : null;
    }

    public async Task<OperationResult<SprintView>> CreateAsync(Guid productId, SprintRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return Failure.NotFound("The product");
        var sprint = new Sprint { ProductId = productId, Name = request.Name.Trim() };
        Apply(sprint, request);
        db.Sprints.Add(sprint);
        await db.SaveChangesAsync(ct);
        return ToView(sprint);
    }

    public async Task<OperationResult<SprintView>> UpdateAsync(Guid id, SprintRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } sprint) return Failure.NotFound("The sprint");
        if (sprint.State == SprintState.Closed) return Failure.Conflict("A closed sprint cannot change.");
        Apply(sprint, request);
        await db.SaveChangesAsync(ct);
        return ToView(sprint);
    }

    /// <summary>Deleting a sprint returns its items to the backlog (with history).</summary>
    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } sprint) return Failure.NotFound("The sprint");
        await MoveItemsAsync(db, await db.WorkItems.Where(w => w.SprintId == id).ToListAsync(ct), null, ct);
        db.Sprints.Remove(sprint);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>Puts items into the sprint and takes others out (back to the backlog); history per item.</summary>
    public async Task<OperationResult<SprintPlan>> PlanAsync(Guid id, PlanItemsRequest request, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } sprint) return Failure.NotFound("The sprint");
        if (sprint.State == SprintState.Closed) return Failure.Conflict("A closed sprint cannot change.");
        var adding = await db.WorkItems.Where(w => request.Add.Contains(w.Id) && w.ProductId == sprint.ProductId).ToListAsync(ct);
        if (adding.Count != request.Add.Distinct().Count()) return Failure.NotFound("One or more of the work items");
        var removing = await db.WorkItems.Where(w => request.Remove.Contains(w.Id) && w.SprintId == id).ToListAsync(ct);
        await MoveItemsAsync(db, adding, id, ct);
        await MoveItemsAsync(db, removing, null, ct);
        await db.SaveChangesAsync(ct);
        return await LoadPlanAsync(db, sprint, ct);
    }

    public async Task<OperationResult<SprintPlan>> GetPlanAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } sprint) return Failure.NotFound("The sprint");
        return await LoadPlanAsync(db, sprint, ct);
    }

    /// <summary>Starts a planned sprint: its commitment (for velocity and burndown) is what it holds now. One active sprint per product.</summary>
    public async Task<OperationResult<SprintView>> StartAsync(Guid id, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } sprint) return Failure.NotFound("The sprint");
        if (sprint.State != SprintState.Planned) return Failure.Conflict("Only a planned sprint can start.");
        if (await db.Sprints.AnyAsync(s => s.ProductId == sprint.ProductId && s.State == SprintState.Active, ct))
            return Failure.Conflict("Another sprint of this product is active; close it first.");
        (sprint.State, sprint.StartedAt) = (SprintState.Active, actor.Now);
        await db.SaveChangesAsync(ct);
        return ToView(sprint);
    }

    /// <summary>Closes the sprint; unfinished items (not done, not cancelled) carry over to <c>CarryOverTo</c> or the backlog.</summary>
    public async Task<OperationResult<SprintClosed>> CloseAsync(Guid id, CloseSprintRequest request, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } sprint) return Failure.NotFound("The sprint");
        if (sprint.State != SprintState.Active) return Failure.Conflict("Only an active sprint can close.");
        if (request.CarryOverTo is { } next && (next == id || !await db.Sprints.AnyAsync(s => s.Id == next && s.ProductId == sprint.ProductId && s.State != SprintState.Closed, ct)))
            return Failure.Invalid(nameof(CloseSprintRequest.CarryOverTo), "Carry over to an open sprint of the same product.");
        var items = await db.WorkItems.Where(w => w.SprintId == id)
            .Join(db.WorkflowColumns, w => w.ColumnId, c => c.Id, (w, c) => new { Item = w, c.Category }).ToListAsync(ct);
        var carry = SprintCapacity.CarryOver(items.Select(i => (i.Item.Id, i.Category))).ToHashSet();
        await MoveItemsAsync(db, items.Where(i => carry.Contains(i.Item.Id)).Select(i => i.Item).ToList(), request.CarryOverTo, ct);
        (sprint.State, sprint.ClosedAt) = (SprintState.Closed, actor.Now);
        await db.SaveChangesAsync(ct);
        return new SprintClosed(ToView(sprint), carry.Count, request.CarryOverTo);
    }

    private async Task MoveItemsAsync(AppDbContext db, List<WorkItem> items, Guid? sprintId, CancellationToken ct)
    {
        var name = await actor.NameAsync(db, ct);
        foreach (var item in items.Where(i => i.SprintId != sprintId))
        {
            var before = WorkItemFields.Capture(item);
            item.SprintId = sprintId;
            item.Version++;
            item.UpdatedAt = actor.Now;
            WorkItemHistory.RecordChanges(db, item, before, actor, name);
        }
    }

    private static async Task<SprintPlan> LoadPlanAsync(AppDbContext db, Sprint sprint, CancellationToken ct)
    {
        var rows = await db.WorkItems.AsNoTracking().Where(w => w.SprintId == sprint.Id).OrderBy(w => w.Rank)
            .Join(db.WorkflowColumns, w => w.ColumnId, c => c.Id, (w, c) => new { Item = w, c.Category }).ToListAsync(ct);
        var summary = SprintCapacity.Summarize(sprint.Capacity, rows.Select(r => new SprintCapacity.PlannedItem(r.Item.AssigneeId, r.Item.Estimate, r.Category)));
        return new SprintPlan(ToView(sprint), summary.Capacity, summary.Committed, summary.Overcommitted, summary.Members,
            rows.Select(r => r.Item.ToRow(r.Category)).ToList());
    }

    private static void Apply(Sprint sprint, SprintRequest request)
    {
        (sprint.Name, sprint.Goal, sprint.StartDate, sprint.EndDate) = (request.Name.Trim(), request.Goal.Trim(), request.StartDate, request.EndDate);
        sprint.Capacity = [.. request.Capacity];
    }

    internal static SprintView ToView(Sprint s) =>
        new(s.Id, s.ProductId, s.Name, s.Goal, s.StartDate, s.EndDate, s.State, s.Capacity, s.StartedAt, s.ClosedAt);
}

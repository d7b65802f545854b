using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Backlogs.Charts;

namespace FactoryCloud.Web.Features.Backlogs.Charts;

/// <summary>Velocity, sprint burndown, cumulative flow and lead/cycle times, all replayed from the activity history (UTC days).</summary>
public sealed class BacklogChartsService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    private static readonly string[] ChartFields = [WorkItemFields.Created, WorkItemFields.Deleted, WorkItemFields.Column, WorkItemFields.Estimate, WorkItemFields.Sprint];

    public async Task<OperationResult<Velocity.Chart>> VelocityAsync(Guid productId, int lastSprints = 6, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await LoadAsync(db, productId, ct) is not { } data) return Failure.NotFound("The product");
        var sprints = await db.Sprints.Where(s => s.ProductId == productId && s.State == SprintState.Closed).ToListAsync(ct);
        var windows = sprints.Select(s => new Velocity.SprintWindow(s.Id, s.Name, CommittedAt(s), s.ClosedAt ?? Burndown.EndOf(s.EndDate)));
        return Velocity.Compute(windows, data.Items, data.Columns, Math.Clamp(lastSprints, 1, 52));
    }

    public async Task<OperationResult<IReadOnlyList<Burndown.Day>>> BurndownAsync(Guid sprintId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sprints.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sprintId, ct) is not { } sprint) return Failure.NotFound("The sprint");
        var data = (await LoadAsync(db, sprint.ProductId, ct))!;
        return Burndown.Compute(sprint.Id, sprint.StartDate, sprint.EndDate, CommittedAt(sprint), data.Items, data.Columns, clock.GetUtcNow()).ToList();
    }

    /// <summary>Items per category (or per column when <paramref name="byColumn"/>, keyed by column id) at each day's end.</summary>
    public async Task<OperationResult<IReadOnlyList<CumulativeFlow.Day>>> CumulativeFlowAsync(Guid productId, DateOnly from, DateOnly to, bool byColumn, CancellationToken ct = default)
    {
        if (to < from || to.DayNumber - from.DayNumber > 366) return Failure.Invalid("to", "Choose up to a year, ending on or after the start.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await LoadAsync(db, productId, ct) is not { } data) return Failure.NotFound("The product");
        return byColumn
            ? CumulativeFlow.ByColumn(from, to, data.Items, data.ColumnList).ToList()
            : CumulativeFlow.ByCategory(from, to, data.Items, data.Columns).ToList();
    }

    public async Task<OperationResult<IReadOnlyList<FlowTimes.Point>>> FlowTimesAsync(Guid productId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await LoadAsync(db, productId, ct) is not { } data) return Failure.NotFound("The product");
        return FlowTimes.Compute(data.Items, data.Columns, since, clock.GetUtcNow()).ToList();
    }

    private static DateTimeOffset CommittedAt(Sprint s) => s.StartedAt ?? new DateTimeOffset(s.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private sealed record ChartData(IReadOnlyCollection<ItemTimeline> Items, ColumnMap Columns, IReadOnlyList<WorkflowColumn> ColumnList);

    private static async Task<ChartData?> LoadAsync(AppDbContext db, Guid productId, CancellationToken ct)
    {
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == productId).ToListAsync(ct);
        if (columns.Count == 0) return null;
        var entries = await db.WorkItemHistory.AsNoTracking().Where(h => h.ProductId == productId && ChartFields.Contains(h.Field)).ToListAsync(ct);
        var items = entries.GroupBy(e => e.WorkItemId).Select(g => ItemTimeline.FromHistory(g.Key, g)).ToList();
        return new ChartData(items, new ColumnMap(columns), columns);
    }
}

namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>Lead and cycle time of each finished item: the scatter plot's points.</summary>
public static class FlowTimes
{
    /// <summary><see cref="CycleTime"/> is null for an item that went to done without passing an in-progress column.</summary>
    public sealed record Point(Guid ItemId, DateTimeOffset DoneAt, TimeSpan LeadTime, TimeSpan? CycleTime);

    /// <summary>
    /// For items done at <paramref name="asOf"/>: done = when they last entered a done column; lead time from
    /// creation, cycle time from first entering an in-progress column. Items done before <paramref name="since"/> are left out.
    /// </summary>
    public static IReadOnlyList<Point> Compute(IEnumerable<ItemTimeline> items, ColumnMap columns, DateTimeOffset since, DateTimeOffset asOf)
    {
        var points = new List<Point>();
        foreach (var item in items)
        {
            var states = item.States.Where(s => s.At <= asOf).ToList();
            if (states.Count == 0 || states[^1].Deleted || columns.CategoryOf(states[^1].ColumnId) != ColumnCategory.Done) continue;
            var doneAt = states[^1].At;
            for (var i = states.Count - 2; i >= 0 && columns.CategoryOf(states[i].ColumnId) == ColumnCategory.Done; i--) doneAt = states[i].At;
            if (doneAt < since) continue;
            var started = states.FirstOrDefault(s => columns.CategoryOf(s.ColumnId) == ColumnCategory.InProgress)?.At;
            points.Add(new Point(item.ItemId, doneAt, doneAt - states[0].At, started is { } s0 && s0 <= doneAt ? doneAt - s0 : null));
        }
        return points.OrderBy(p => p.DoneAt).ToList();
    }
}

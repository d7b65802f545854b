namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>Items per column (or per category) at the end of each day (UTC): the cumulative flow diagram's bands.</summary>
public static class CumulativeFlow
{
    public sealed record Day(DateOnly Date, IReadOnlyDictionary<string, int> Counts);

    public static IReadOnlyList<Day> ByCategory(DateOnly from, DateOnly to, IReadOnlyCollection<ItemTimeline> items, ColumnMap columns) =>
        Compute(from, to, items, s => columns.CategoryOf(s.ColumnId).ToString(), Enum.GetNames<ColumnCategory>());

    /// <summary>Keys are column ids ("D" format); every column appears every day, with 0 where empty.</summary>
    public static IReadOnlyList<Day> ByColumn(DateOnly from, DateOnly to, IReadOnlyCollection<ItemTimeline> items, IEnumerable<WorkflowColumn> columns) =>
        Compute(from, to, items, s => s.ColumnId?.ToString("D") ?? "", columns.OrderBy(c => c.Position).Select(c => c.Id.ToString("D")).ToList());

    private static List<Day> Compute(DateOnly from, DateOnly to, IReadOnlyCollection<ItemTimeline> items, Func<ItemState, string> key, IReadOnlyList<string> keys)
    {
        var days = new List<Day>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var counts = keys.ToDictionary(k => k, _ => 0);
            foreach (var state in items.Select(i => i.At(Burndown.EndOf(date))))
            {
                if (state is null || !counts.ContainsKey(key(state))) continue;
                counts[key(state)]++;
            }
            days.Add(new Day(date, counts));
        }
        return days;
    }
}

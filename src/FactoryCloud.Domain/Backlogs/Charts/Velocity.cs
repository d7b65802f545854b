namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>Committed against completed points per sprint, from history.</summary>
public static class Velocity
{
    public sealed record SprintWindow(Guid SprintId, string Name, DateTimeOffset CommittedAt, DateTimeOffset EndedAt);

    public sealed record Bar(Guid SprintId, string Name, double Committed, double Completed);

    public sealed record Chart(IReadOnlyList<Bar> Sprints, double AverageCompleted);

    /// <summary>
    /// For the last <paramref name="lastN"/> sprints by end: committed = points of the sprint's open items when it
    /// started (the commitment); completed = points of items in the sprint that were done when it ended (work
    /// added mid-sprint and finished counts, as in Jira and Azure Boards).
    /// </summary>
    public static Chart Compute(IEnumerable<SprintWindow> sprints, IReadOnlyCollection<ItemTimeline> items, ColumnMap columns, int lastN)
    {
        var bars = sprints.OrderBy(s => s.EndedAt).TakeLast(Math.Max(lastN, 0))
            .Select(s => new Bar(s.SprintId, s.Name,
                SumPoints(items, columns, s.SprintId, s.CommittedAt, c => c is ColumnCategory.Proposed or ColumnCategory.InProgress),
                SumPoints(items, columns, s.SprintId, s.EndedAt, c => c == ColumnCategory.Done)))
            .ToList();
        return new Chart(bars, bars.Count == 0 ? 0 : bars.Average(b => b.Completed));
    }

    internal static double SumPoints(IEnumerable<ItemTimeline> items, ColumnMap columns, Guid sprintId, DateTimeOffset at, Func<ColumnCategory, bool> counts) =>
        items.Select(i => i.At(at))
            .Where(s => s is not null && s.SprintId == sprintId && counts(columns.CategoryOf(s.ColumnId)))
            .Sum(s => s!.Points ?? 0);
}

namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>Remaining points of a sprint at the end of each day (UTC), against the ideal line.</summary>
public static class Burndown
{
    /// <summary><see cref="Remaining"/> is null for days that have not ended yet.</summary>
    public sealed record Day(DateOnly Date, double? Remaining, double Ideal);

    /// <summary>
    /// Remaining = points of the sprint's items not done and not cancelled. The ideal line falls evenly from the
    /// commitment (remaining at <paramref name="committedAt"/>) to zero at the end of the last day. Scope added
    /// mid-sprint raises the actual line, not the ideal.
    /// </summary>
    public static IReadOnlyList<Day> Compute(Guid sprintId, DateOnly start, DateOnly end, DateTimeOffset committedAt,
        IReadOnlyCollection<ItemTimeline> items, ColumnMap columns, DateTimeOffset now)
    {
        if (end < start) return [];
        var committed = Remaining(items, columns, sprintId, committedAt);
        var days = end.DayNumber - start.DayNumber + 1;
        var result = new List<Day>(days);
        for (var i = 0; i < days; i++)
        {
            var date = start.AddDays(i);
            var endOfDay = EndOf(date);
            var ideal = committed * (days - i - 1) / days;
            result.Add(new Day(date, endOfDay <= now ? Remaining(items, columns, sprintId, endOfDay) : Today(date, now, items, columns, sprintId), ideal));
        }
        return result;
    }

    /// <summary>
    /// The commitment the ideal line falls from (its value at the sprint's start), read back from <paramref name="days"/>:
    /// the first day's ideal is <c>committed × (n − 1) / n</c>. A one-day sprint's ideal is 0 on its only day, so its
    /// first remaining value stands in.
    /// </summary>
    public static double Committed(IReadOnlyList<Day> days) => days.Count switch
    {
        0 => 0,
        1 => days[0].Remaining ?? 0,
        var n => days[0].Ideal * n / (n - 1),
    };

    public static DateTimeOffset EndOf(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    // The current day shows the remaining points so far, so the chart moves as soon as an item is done.
    private static double? Today(DateOnly date, DateTimeOffset now, IReadOnlyCollection<ItemTimeline> items, ColumnMap columns, Guid sprintId) =>
        DateOnly.FromDateTime(now.UtcDateTime) == date ? Remaining(items, columns, sprintId, now) : null;

    private static double Remaining(IEnumerable<ItemTimeline> items, ColumnMap columns, Guid sprintId, DateTimeOffset at) =>
        Velocity.SumPoints(items, columns, sprintId, at, c => c is ColumnCategory.Proposed or ColumnCategory.InProgress);
}

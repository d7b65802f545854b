namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// The planned production windows of a site (shifts minus breaks), already expanded for the period queried.
/// Time outside them is not planned production time. Overlapping or touching windows are merged.
/// </summary>
public sealed class ShiftCalendar
{
    public ShiftCalendar(IEnumerable<TimeWindow> plannedWindows)
    {
        var merged = new List<TimeWindow>();
        foreach (var window in plannedWindows.Where(w => !w.IsEmpty).OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
            {
                var last = merged[^1];
                if (window.End > last.End) merged[^1] = new TimeWindow(last.Start, window.End);
            }
            else
            {
                merged.Add(window);
            }
        }
        PlannedWindows = merged;
    }

    /// <summary>Sorted, non-overlapping planned windows.</summary>
    public IReadOnlyList<TimeWindow> PlannedWindows { get; }

    /// <summary>The planned windows clipped to <paramref name="window"/>.</summary>
    public IReadOnlyList<TimeWindow> PlannedWithin(TimeWindow window) => Within(PlannedWindows, window);

    /// <summary>
    /// <paramref name="planned"/> (sorted, not overlapping: a calendar's windows or a part of them) clipped to
    /// <paramref name="window"/>: found by binary search, so a trend of many steps over a year of shifts stays cheap.
    /// </summary>
    public static IReadOnlyList<TimeWindow> Within(IReadOnlyList<TimeWindow> planned, TimeWindow window)
    {
        var (low, high) = (0, planned.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (planned[middle].End <= window.Start) low = middle + 1;
            else high = middle;
        }
        var result = new List<TimeWindow>();
        for (var i = low; i < planned.Count && planned[i].Start < window.End; i++)
        {
            if (planned[i].Intersect(window) is { } part) result.Add(part);
        }
        return result;
    }

    public bool IsPlanned(DateTimeOffset instant) => PlannedWindows.Any(w => w.Contains(instant));
}

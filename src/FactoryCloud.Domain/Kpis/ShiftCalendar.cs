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
    public IReadOnlyList<TimeWindow> PlannedWithin(TimeWindow window) =>
        PlannedWindows.Select(w => w.Intersect(window)).OfType<TimeWindow>().ToList();

    public bool IsPlanned(DateTimeOffset instant) => PlannedWindows.Any(w => w.Contains(instant));
}

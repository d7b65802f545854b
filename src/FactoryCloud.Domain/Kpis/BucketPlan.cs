using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Which buckets cover planned production time. Each planned window is composed from the largest buckets that lie
/// wholly inside it: minutes at its ragged edges (shift edges, breaks, the window's ends, the running minute at now),
/// then hours, then days and weeks in the middle. Every size holds the same exact sums, so the composition gives to
/// the tick what the minute buckets give, and each planned instant is covered by exactly one bucket.
/// </summary>
public sealed class BucketPlan
{
    private readonly Dictionary<BucketSize, List<DateTimeOffset>> _starts;

    private BucketPlan(Dictionary<BucketSize, List<DateTimeOffset>> starts) => _starts = starts;

    public IReadOnlyList<DateTimeOffset> MinuteStarts => Starts(BucketSize.Minute);
    public IReadOnlyList<DateTimeOffset> HourStarts => Starts(BucketSize.Hour);
    public IReadOnlyList<DateTimeOffset> DayStarts => Starts(BucketSize.Day);
    public IReadOnlyList<DateTimeOffset> WeekStarts => Starts(BucketSize.Week);

    /// <summary>The starts of the buckets of <paramref name="size"/> read, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Starts(BucketSize size) => _starts[size];

    /// <summary>
    /// The starts of <paramref name="size"/> as runs of consecutive buckets (the first and last start of each, in order):
    /// a run is one index range to read.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset First, DateTimeOffset Last)> Runs(BucketSize size)
    {
        var runs = new List<(DateTimeOffset First, DateTimeOffset Last)>();
        var length = size.Length();
        foreach (var start in _starts[size])
        {
            if (runs.Count > 0 && runs[^1].Last + length == start) runs[^1] = (runs[^1].First, start);
            else runs.Add((start, start));
        }
        return runs;
    }

    public bool IsEmpty => _starts.Values.All(s => s.Count == 0);

    /// <summary>How many buckets the plan reads per machine.</summary>
    public int Count => _starts.Values.Sum(s => s.Count);

    public static BucketPlan For(IReadOnlyList<TimeWindow> planned) => Compose(new ShiftCalendar(planned).PlannedWindows);

    /// <summary>
    /// All planned windows of every step (sorted, not overlapping), each step composed on its own: no bucket crosses
    /// a step's edge, so every bucket read belongs to exactly one step.
    /// </summary>
    public static BucketPlan ForSteps(IReadOnlyList<TimeWindow> planned, IEnumerable<TimeWindow> steps)
    {
        var calendar = new ShiftCalendar(planned);
        return Compose(steps.SelectMany(calendar.PlannedWithin));
    }

    private static BucketPlan Compose(IEnumerable<TimeWindow> windows)
    {
        var starts = BucketSizes.All.ToDictionary(s => s, _ => new List<DateTimeOffset>());
        var minutes = starts[BucketSize.Minute];
        var minute = BucketSize.Minute.Length();
        foreach (var window in windows)
        {
            var start = BucketSize.Minute.StartOf(window.Start);
            while (start < window.End)
            {
                // A window starting inside a minute (only at now) reads that minute, never a larger bucket around it.
                var size = start >= window.Start ? Largest(start, window.End) : BucketSize.Minute;
                if (size == BucketSize.Minute)
                {
                    // A minute shared by two planned windows (a sub-minute gap) is read once.
                    if (minutes.Count == 0 || minutes[^1] != start) minutes.Add(start);
                    start += minute;
                }
                else
                {
                    starts[size].Add(start);
                    start += size.Length();
                }
            }
        }
        return new BucketPlan(starts);
    }

    /// <summary>The largest bucket starting at <paramref name="start"/> that ends by <paramref name="end"/>.</summary>
    private static BucketSize Largest(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var size in BucketSizes.Descending)
        {
            if (size.StartOf(start) == start && start + size.Length() <= end) return size;
        }
        return BucketSize.Minute;
    }

    /// <summary>True when the bucket of <paramref name="size"/> starting at <paramref name="start"/> is read by this plan.</summary>
    public bool Covers(BucketSize size, DateTimeOffset start) => _starts[size].Contains(start);
}

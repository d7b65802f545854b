namespace FactoryCloud.Domain.Kpis;

/// <summary>A half-open time interval [Start, End).</summary>
public readonly record struct TimeWindow
{
    public TimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start) throw new ArgumentException("A window cannot end before it starts.", nameof(end));
        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    public TimeSpan Duration => End - Start;
    public double Seconds => Duration.TotalSeconds;
    public bool IsEmpty => End == Start;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The overlap of two windows, or null when they do not overlap (touching windows do not).</summary>
    public TimeWindow? Intersect(TimeWindow other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return start < end ? new TimeWindow(start, end) : null;
    }

    public double OverlapSeconds(TimeWindow other) => Intersect(other)?.Seconds ?? 0;

    /// <summary>Consecutive buckets of <paramref name="size"/> from Start; the last one may be shorter.</summary>
    public IReadOnlyList<TimeWindow> Split(TimeSpan size)
    {
        if (size <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(size), "Bucket size must be positive.");
        var buckets = new List<TimeWindow>();
        for (var start = Start; start < End; start += size)
        {
            var end = End - start > size ? start + size : End;
            buckets.Add(new TimeWindow(start, end));
        }
        return buckets;
    }
}

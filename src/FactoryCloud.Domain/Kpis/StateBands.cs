using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A machine's states over a long window drawn at the resolution of one bucket, not exact: each bucket shows the state
/// that took most of its time (the buckets' state seconds of closed intervals, plus the current state from the latest
/// change up to now), or "no data" when uncovered time is the largest share. Adjacent buckets showing the same state
/// merge into one interval. A timeline this long is wider than the pixels that draw it; zooming in to
/// <see cref="ExactUpTo"/> or less draws the state changes themselves.
/// </summary>
public static class StateBands
{
    /// <summary>Windows up to this long are drawn exactly, from the state changes.</summary>
    public static readonly TimeSpan ExactUpTo = TimeSpan.FromDays(2);

    /// <summary>At most this many buckets per window (the band is 1,000 units wide).</summary>
    public const int MaxBuckets = 1000;

    /// <summary>The smallest bucket size with at most <see cref="MaxBuckets"/> buckets in <paramref name="window"/>.</summary>
    public static BucketSize Resolution(TimeWindow window) =>
        BucketSizes.All.OrderBy(s => s.Length()).FirstOrDefault(s => window.Duration.Ticks / s.Length().Ticks < MaxBuckets, BucketSize.Week);

    /// <param name="window">The window drawn, ending at now at the latest.</param>
    /// <param name="stateSeconds">Per bucket start, seconds per <see cref="MachineState"/> (indexed by its value).</param>
    /// <param name="latest">The machine's latest change at or before now: its state holds from then until now.</param>
    public static IReadOnlyList<StateInterval> Build(
        TimeWindow window, BucketSize size, IReadOnlyDictionary<DateTimeOffset, double[]> stateSeconds, StateChange? latest, DateTimeOffset now)
    {
        var intervals = new List<StateInterval>();
        var length = size.Length();
        for (var start = size.StartOf(window.Start); start < window.End; start += length)
        {
            var bucket = new TimeWindow(start, start + length);
            if (bucket.Intersect(window) is not { } shown) continue;
            var seconds = (double[])(stateSeconds.GetValueOrDefault(start) ?? new double[Enum.GetValues<MachineState>().Length]).Clone();
            if (latest is not null && latest.At < now && bucket.Intersect(new TimeWindow(latest.At, now)) is { } current)
                seconds[(int)latest.State] += current.Seconds;
            var covered = now < bucket.End ? (now > bucket.Start ? now - bucket.Start : TimeSpan.Zero) : length;
            var noData = covered.TotalSeconds - seconds.Sum();
            var top = Array.IndexOf(seconds, seconds.Max());
            MachineState? state = seconds[top] > 0 && seconds[top] >= noData ? (MachineState)top : null;
            if (intervals.Count > 0 && intervals[^1].State == state && intervals[^1].End == shown.Start)
                intervals[^1] = intervals[^1] with { End = shown.End, EpisodeEnd = shown.End };
            else
                intervals.Add(new StateInterval(shown.Start, shown.End, state, null, shown.Start, shown.End));
        }
        return intervals;
    }

    /// <summary>
    /// <paramref name="whole"/> with the part inside <paramref name="part"/> replaced by <paramref name="detail"/>
    /// (a zoomed-in part drawn at its own, finer resolution), so the band still spans the whole window.
    /// </summary>
    public static IReadOnlyList<StateInterval> Splice(IReadOnlyList<StateInterval> whole, IReadOnlyList<StateInterval> detail, TimeWindow part)
    {
        var before = whole.Where(i => i.Start < part.Start).Select(i => i.End > part.Start ? i with { End = part.Start } : i);
        var inside = detail.Where(i => i.Window.Intersect(part) is not null)
            .Select(i => i with { Start = i.Start < part.Start ? part.Start : i.Start, End = i.End > part.End ? part.End : i.End });
        var after = whole.Where(i => i.End > part.End).Select(i => i.Start < part.End ? i with { Start = part.End } : i);
        return before.Concat(inside).Concat(after).ToList();
    }
}

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A machine's states over a window: each state holds from its timestamp until the next change; the last one
/// holds until <c>now</c> (or the window end when no <c>now</c> is given). Time before the first known state is
/// "no data". Pass the last change before the window so a state that started earlier applies, and the first
/// change after the window (or <c>now</c>) so a stop crossing the window end is classified by its full length.
/// </summary>
public sealed class StateTimeline
{
    private StateTimeline(TimeWindow window, IReadOnlyList<StateEpisode> episodes, IReadOnlyList<StateInterval> intervals)
    {
        Window = window;
        Episodes = episodes;
        Intervals = intervals;
    }

    /// <summary>The window actually covered: the requested one, cut at <c>now</c> when it ends in the future.</summary>
    public TimeWindow Window { get; }

    /// <summary>Every episode built from the changes, including those entirely outside the window.</summary>
    public IReadOnlyList<StateEpisode> Episodes { get; }

    /// <summary>Contiguous intervals covering <see cref="Window"/> exactly, in time order.</summary>
    public IReadOnlyList<StateInterval> Intervals { get; }

    public static StateTimeline Build(TimeWindow window, IEnumerable<StateChange> changes, DateTimeOffset? now = null)
    {
        var effective = now is { } n && n < window.End
            ? new TimeWindow(window.Start, n > window.Start ? n : window.Start)
            : window;
        var heldUntil = now ?? window.End;
        var episodes = BuildEpisodes(changes, heldUntil);
        return new StateTimeline(effective, episodes, Clip(episodes, effective));
    }

    /// <summary>The intervals clipped to <paramref name="part"/> (itself clipped to <see cref="Window"/>).</summary>
    public IReadOnlyList<StateInterval> Within(TimeWindow part)
    {
        if (part.Intersect(Window) is not { } clip) return [];
        var result = new List<StateInterval>();
        foreach (var interval in Intervals)
        {
            if (interval.Window.Intersect(clip) is { } overlap)
                result.Add(interval with { Start = overlap.Start, End = overlap.End });
        }
        return result;
    }

    /// <summary>The interval containing <paramref name="instant"/>, or null outside <see cref="Window"/>.</summary>
    public StateInterval? At(DateTimeOffset instant)
    {
        int low = 0, high = Intervals.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var interval = Intervals[mid];
            if (instant < interval.Start) high = mid - 1;
            else if (instant >= interval.End) low = mid + 1;
            else return interval;
        }
        return null;
    }

    private static List<StateEpisode> BuildEpisodes(IEnumerable<StateChange> changes, DateTimeOffset heldUntil)
    {
        // OrderBy is stable, so of several changes with the same timestamp the last one published wins.
        var sorted = changes.OrderBy(c => c.At).ToList();
        var starts = new List<StateChange>();
        foreach (var change in sorted)
        {
            if (starts.Count > 0 && starts[^1].At == change.At) starts.RemoveAt(starts.Count - 1);
            if (starts.Count > 0 && starts[^1].State == change.State && starts[^1].Reason == change.Reason) continue;
            starts.Add(change);
        }

        var episodes = new List<StateEpisode>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var isLast = i == starts.Count - 1;
            var end = isLast ? (heldUntil > start.At ? heldUntil : start.At) : starts[i + 1].At;
            episodes.Add(new StateEpisode(start.At, end, start.State, start.Reason, isLast));
        }
        return episodes;
    }

    private static List<StateInterval> Clip(List<StateEpisode> episodes, TimeWindow window)
    {
        var intervals = new List<StateInterval>();
        if (window.IsEmpty) return intervals;

        var firstKnown = episodes.Count > 0 ? episodes[0].Start : window.End;
        if (firstKnown > window.Start)
        {
            var gapEnd = firstKnown < window.End ? firstKnown : window.End;
            intervals.Add(new StateInterval(window.Start, gapEnd, null, null, window.Start, gapEnd));
        }

        foreach (var episode in episodes)
        {
            if (new TimeWindow(episode.Start, episode.End).Intersect(window) is { } overlap)
            {
                intervals.Add(new StateInterval(
                    overlap.Start, overlap.End, episode.State, episode.Reason, episode.Start, episode.End));
            }
        }
        return intervals;
    }
}

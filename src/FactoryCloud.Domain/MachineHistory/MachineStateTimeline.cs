using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// Applies new state changes of one machine to its stored timeline, order-independently: a state holds from its
/// instant until the machine's next change, and the buckets hold exactly the closed intervals between consecutive
/// changes. Inserting S at t between P (latest at or before t) and N (earliest after t):
/// <list type="bullet">
/// <item>N exists: [t, N) counted as P (nothing, without P) now counts as S;</item>
/// <item>no N, but P: the open interval [P, t) is now closed and counts as P;</item>
/// <item>P at exactly t: S replaces P (the later applied wins); [t, N) moves from P's state to S's.</item>
/// </list>
/// Build it from the stored changes around the new ones: all stored changes between the earliest and the latest new
/// instant, plus the last stored one before and the first stored one after that range.
/// <para>
/// With <see cref="LossSettings"/>, it also keeps the loss sums (closed loss episodes classified by their full
/// length) and <see cref="Finish"/> writes the difference between the episodes before and after the new changes.
/// The neighbourhood must then also hold the first change of the run of identical changes ending at the one before
/// the range, and the change ending the run that starts at the one after it (a repeated state is no new episode).
/// </para>
/// </summary>
public sealed class MachineStateTimeline
{
    private readonly Guid _tenantId;
    private readonly Guid _machineId;
    private readonly List<MachineStateChange> _changes;
    private readonly Dictionary<long, MachineStateChange> _written = [];
    private readonly LossSettings? _lossSettings;
    private readonly List<LossEpisode> _storedEpisodes;

    public MachineStateTimeline(
        Guid tenantId, Guid machineId, IEnumerable<MachineStateChange> storedNeighbourhood, LossSettings? lossSettings = null)
    {
        _tenantId = tenantId;
        _machineId = machineId;
        _changes = storedNeighbourhood.OrderBy(c => c.At).ToList();
        _lossSettings = lossSettings;
        _storedEpisodes = lossSettings is null ? [] : ClosedLossEpisodes(_changes, lossSettings);
    }

    /// <summary>The first change of the run of identical changes at the end of the neighbourhood, if any.</summary>
    public DateTimeOffset? LastRunStart => LastRunStartOf(_changes);

    /// <summary>The first change of the last run of identical changes of time-ordered changes, if any.</summary>
    public static DateTimeOffset? LastRunStartOf(IReadOnlyList<MachineStateChange> changes)
    {
        if (changes.Count == 0) return null;
        var start = changes.Count - 1;
        while (start > 0 && changes[start - 1].State == changes[^1].State
               && string.Equals(changes[start - 1].Reason, changes[^1].Reason, StringComparison.Ordinal)) start--;
        return changes[start].At;
    }

    /// <summary>
    /// Whether a machine's stored open-run start (what <see cref="LastRunStartOf"/> gave when the store last wrote it)
    /// still belongs to its latest change as a query reads it: a change stamped after the query's now, or a commit
    /// between the two reads, makes them disagree, and the query then evaluates that machine from its timeline.
    /// </summary>
    public static bool IsOpenRunOf(DateTimeOffset? openRunStart, DateTimeOffset? latestChangeAt) =>
        latestChangeAt is null ? openRunStart is null : openRunStart is { } start && start <= latestChangeAt;

    /// <summary>A closed episode of a loss state (not Running, not PlannedStop) and how it was classified.</summary>
    public sealed record LossEpisode(DateTimeOffset Start, DateTimeOffset End, string? Reason, LossCategory Category);

    /// <summary>
    /// The closed loss episodes of time-ordered changes (at distinct instants): identical consecutive changes are one
    /// episode, the last episode is open (its end is unknown) and left out.
    /// </summary>
    public static List<LossEpisode> ClosedLossEpisodes(IReadOnlyList<MachineStateChange> changes, LossSettings settings)
    {
        var episodes = new List<LossEpisode>();
        var start = 0;
        for (var i = 1; i < changes.Count; i++)
        {
            var first = changes[start];
            if (changes[i].State == first.State && string.Equals(changes[i].Reason, first.Reason, StringComparison.Ordinal)) continue;
            if (settings.Classify(first.State, first.Reason, changes[i].At - first.At) is { } category)
                episodes.Add(new LossEpisode(first.At, changes[i].At, first.Reason, category));
            start = i;
        }
        return episodes;
    }

    /// <summary>Adds the difference between the stored loss episodes and those after the applied changes.</summary>
    public void Finish(BucketAccumulator buckets)
    {
        if (_lossSettings is null) return;
        var difference = new Dictionary<LossEpisode, int>();
        foreach (var episode in _storedEpisodes) difference[episode] = difference.GetValueOrDefault(episode) - 1;
        foreach (var episode in ClosedLossEpisodes(_changes, _lossSettings)) difference[episode] = difference.GetValueOrDefault(episode) + 1;
        foreach (var (episode, count) in difference)
        {
            for (var i = 0; i < Math.Abs(count); i++)
                buckets.AddLossEpisode(_machineId, episode.Reason, episode.Start, episode.End, episode.Category, Math.Sign(count));
        }
    }

    /// <summary>The new or replaced changes, to upsert by (MachineId, At).</summary>
    public IReadOnlyCollection<MachineStateChange> Written => _written.Values;

    /// <summary>Applies the machine's change to <paramref name="state"/> at <paramref name="at"/> to the timeline and the buckets.</summary>
    public void Apply(DateTimeOffset at, MachineState state, string? reason, BucketAccumulator buckets)
    {
        var change = new MachineStateChange
        {
            TenantId = _tenantId, MachineId = _machineId, At = MachineStateChange.Normalize(at), State = state, Reason = reason,
        };
        var index = FirstAfter(change.At);
        var previous = index > 0 ? _changes[index - 1] : null;
        var next = index < _changes.Count ? _changes[index] : null;

        if (next is not null)
        {
            if (previous is not null) buckets.AddStateTime(_machineId, previous.State, previous.Reason, change.At, next.At, -1);
            buckets.AddStateTime(_machineId, state, reason, change.At, next.At, 1);
        }
        else if (previous is not null && previous.At < change.At)
        {
            buckets.AddStateTime(_machineId, previous.State, previous.Reason, previous.At, change.At, 1);
        }

        if (previous is not null && previous.At == change.At) _changes[index - 1] = change;
        else _changes.Insert(index, change);
        _written[change.At.UtcTicks] = change;
    }

    /// <summary>The index of the first change strictly after <paramref name="at"/>.</summary>
    private int FirstAfter(DateTimeOffset at)
    {
        int low = 0, high = _changes.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_changes[mid].At <= at) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}

using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Ingestion;

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
/// </summary>
public sealed class MachineStateTimeline
{
    private readonly Guid _tenantId;
    private readonly Guid _machineId;
    private readonly List<MachineStateChange> _changes;
    private readonly Dictionary<long, MachineStateChange> _written = [];

    public MachineStateTimeline(Guid tenantId, Guid machineId, IEnumerable<MachineStateChange> storedNeighbourhood)
    {
        _tenantId = tenantId;
        _machineId = machineId;
        _changes = storedNeighbourhood.OrderBy(c => c.At).ToList();
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

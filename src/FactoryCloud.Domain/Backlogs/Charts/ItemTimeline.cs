namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>
/// A work item's states over time, replayed from its activity history (creation entries first, then every change
/// of column, estimate and sprint). The item does not exist before its first state.
/// </summary>
public sealed class ItemTimeline
{
    private readonly List<ItemState> _states;

    public ItemTimeline(Guid itemId, IEnumerable<ItemState> states)
    {
        ItemId = itemId;
        _states = states.OrderBy(s => s.At).ToList();
    }

    public Guid ItemId { get; }
    public IReadOnlyList<ItemState> States => _states;

    /// <summary>The state holding at <paramref name="at"/> (the last one at or before it), null before creation or after deletion.</summary>
    public ItemState? At(DateTimeOffset at)
    {
        ItemState? found = null;
        foreach (var state in _states)
        {
            if (state.At > at) break;
            found = state;
        }
        return found is { Deleted: false } ? found : null;
    }

    /// <summary>Replays history entries (any order) of one item into states; fields other than column, estimate and sprint are ignored.</summary>
    public static ItemTimeline FromHistory(Guid itemId, IEnumerable<WorkItemHistoryEntry> entries)
    {
        var states = new List<ItemState>();
        ItemState? current = null;
        foreach (var group in entries.OrderBy(e => e.At).ThenBy(e => e.Id).GroupBy(e => e.At))
        {
            var next = current ?? new ItemState(group.Key, null, null, null);
            var relevant = false;
            foreach (var entry in group)
            {
                switch (entry.Field)
                {
                    case WorkItemFields.Created: relevant = true; break;
                    case WorkItemFields.Deleted: next = next with { Deleted = true }; relevant = true; break;
                    case WorkItemFields.Column: next = next with { ColumnId = WorkItemFields.ParseId(entry.NewValue) }; relevant = true; break;
                    case WorkItemFields.Estimate: next = next with { Points = WorkItemFields.ParseNumber(entry.NewValue) }; relevant = true; break;
                    case WorkItemFields.Sprint: next = next with { SprintId = WorkItemFields.ParseId(entry.NewValue) }; relevant = true; break;
                }
            }
            if (!relevant) continue;
            current = next with { At = group.Key };
            states.Add(current);
        }
        return new ItemTimeline(itemId, states);
    }
}

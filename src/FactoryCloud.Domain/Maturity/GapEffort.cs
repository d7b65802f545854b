using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// The effort of closing a gap: the story points of the leaves under its epics (a parent's own estimate is replaced
/// by its children's, as in <see cref="HierarchyRollup"/>; cancelled items count for nothing). <see cref="Points"/>
/// is null when no leaf is estimated (or the gap has no epic): the gap is "not estimated".
/// </summary>
public sealed record GapEffort(int Epics, double? Points, int EstimatedItems, int UnestimatedItems, double? Progress)
{
    public static readonly GapEffort NoEpic = new(0, null, 0, 0, null);

    public bool IsEstimated => Points is not null;

    public static GapEffort Of(IReadOnlyCollection<Guid> epicIds, IReadOnlyCollection<HierarchyRollup.Item> items)
    {
        if (epicIds.Count == 0) return NoEpic;
        var children = items.Where(i => i.ParentId is not null).ToLookup(i => i.ParentId!.Value);
        var byId = items.ToDictionary(i => i.Id);
        var leaves = new List<HierarchyRollup.Item>();
        var seen = new HashSet<Guid>();
        var stack = new Stack<Guid>(epicIds);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var item)) continue;
            var kids = children[id].ToList();
            if (kids.Count == 0) { if (item.Category != ColumnCategory.Removed) leaves.Add(item); }
            else foreach (var kid in kids) stack.Push(kid.Id);
        }
        var estimated = leaves.Where(l => l.Points is not null).ToList();
        var totals = HierarchyRollup.Compute(items);
        var sum = epicIds.Aggregate(HierarchyRollup.Totals.Zero, (s, id) => s.Add(totals.GetValueOrDefault(id, HierarchyRollup.Totals.Zero)));
        return new GapEffort(epicIds.Count, estimated.Count > 0 ? estimated.Sum(l => l.Points!.Value) : null, estimated.Count,
            leaves.Count - estimated.Count, sum.Progress);
    }
}

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Points and progress rolled up the hierarchy. A leaf counts its own estimate; a parent counts its descendants'
/// leaves (its own estimate is a forecast, replaced by the real breakdown). Cancelled items count for nothing.
/// </summary>
public static class HierarchyRollup
{
    public sealed record Item(Guid Id, Guid? ParentId, double? Points, ColumnCategory Category);

    public sealed record Totals(double Points, double DonePoints, int Items, int DoneItems)
    {
        public static readonly Totals Zero = new(0, 0, 0, 0);

        /// <summary>Done points over points; by item count when nothing is estimated; null for an empty subtree.</summary>
        public double? Progress => Points > 0 ? DonePoints / Points : Items > 0 ? (double)DoneItems / Items : null;

        public Totals Add(Totals other) => new(Points + other.Points, DonePoints + other.DonePoints, Items + other.Items, DoneItems + other.DoneItems);
    }

    public static IReadOnlyDictionary<Guid, Totals> Compute(IReadOnlyCollection<Item> items)
    {
        var children = items.Where(i => i.ParentId is not null).ToLookup(i => i.ParentId!.Value);
        var result = new Dictionary<Guid, Totals>(items.Count);
        foreach (var item in items) Visit(item, children, result, depth: 0);
        return result;
    }

    private static Totals Visit(Item item, ILookup<Guid, Item> children, Dictionary<Guid, Totals> result, int depth)
    {
        if (result.TryGetValue(item.Id, out var known)) return known;
        if (depth > 16) return Totals.Zero; // the type rules forbid cycles; this only guards against bad data
        var kids = children[item.Id].ToList();
        var totals = kids.Count == 0 ? Leaf(item) : kids.Aggregate(Totals.Zero, (sum, kid) => sum.Add(Visit(kid, children, result, depth + 1)));
        result[item.Id] = totals;
        return totals;
    }

    private static Totals Leaf(Item item)
    {
        if (item.Category == ColumnCategory.Removed) return Totals.Zero;
        var done = item.Category == ColumnCategory.Done;
        var points = item.Points ?? 0;
        return new Totals(points, done ? points : 0, 1, done ? 1 : 0);
    }
}

namespace FactoryCloud.Domain.Value;

/// <summary>One work item's value in money, with what it cost in effort.</summary>
public sealed record ItemValue(Guid WorkItemId, Guid ProductId, Guid SiteId, decimal PerMonth, string Currency, double? StoryPoints, ConfidenceLevel Confidence);

/// <summary>A group's total: money per month per currency (amounts in different currencies are never added), points, items.</summary>
public sealed record ValueTotal(string Key, string Currency, decimal PerMonth, double StoryPoints, int Items, int LowConfidenceItems);

public static class ValueRollup
{
    /// <summary>Totals per key and currency, largest value first.</summary>
    public static IReadOnlyList<ValueTotal> By(IEnumerable<ItemValue> items, Func<ItemValue, string> key) =>
        items.GroupBy(i => (Key: key(i), i.Currency))
            .Select(g => new ValueTotal(g.Key.Key, g.Key.Currency, g.Sum(i => i.PerMonth), g.Sum(i => i.StoryPoints ?? 0), g.Count(),
                g.Count(i => i.Confidence == ConfidenceLevel.Low)))
            .OrderByDescending(t => t.PerMonth).ThenBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
}

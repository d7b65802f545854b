namespace FactoryCloud.Domain.Value;

public enum ConfidenceLevel
{
    Low,
    Medium,
    High,
}

/// <summary>How far a money value can be trusted, and why.</summary>
public sealed record ValueConfidence(ConfidenceLevel Level, double? BaselineCompleteness, double? MeasuredCompleteness, int OverlappingItems, IReadOnlyList<string> Reasons)
{
    public const double HighCompleteness = 0.9, MediumCompleteness = 0.7;

    /// <summary>
    /// High: both windows at least 90 % complete (planned time covered by state data) and no other item touched the
    /// same machines in the same period. Medium: both at least 70 % and at most one such item. Otherwise Low.
    /// </summary>
    public static ValueConfidence Assess(double? baselineCompleteness, double? measuredCompleteness, int overlappingItems)
    {
        var weakest = Math.Min(baselineCompleteness ?? 0, measuredCompleteness ?? 0);
        var level = weakest >= HighCompleteness && overlappingItems == 0 ? ConfidenceLevel.High
            : weakest >= MediumCompleteness && overlappingItems <= 1 ? ConfidenceLevel.Medium
            : ConfidenceLevel.Low;
        var reasons = new List<string>
        {
            $"Data completeness: baseline {Percent(baselineCompleteness)}, measured {Percent(measuredCompleteness)}.",
            overlappingItems == 0 ? "No other work item changed the same machines in the same period."
                : $"{overlappingItems} other work item(s) changed the same machines in the same period: the change is shared.",
        };
        return new ValueConfidence(level, baselineCompleteness, measuredCompleteness, overlappingItems, reasons);
    }

    private static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %" : "no data";
}

/// <summary>Other work items whose measured periods overlap this one's on at least one machine.</summary>
public static class ValueOverlap
{
    public sealed record Period(Guid WorkItemId, IReadOnlySet<Guid> Machines, DateTimeOffset From, DateTimeOffset To);

    public static int Count(Period item, IEnumerable<Period> others) =>
        others.Count(o => o.WorkItemId != item.WorkItemId && o.From < item.To && item.From < o.To && o.Machines.Overlaps(item.Machines));
}

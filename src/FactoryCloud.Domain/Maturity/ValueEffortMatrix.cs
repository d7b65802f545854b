namespace FactoryCloud.Domain.Maturity;

/// <summary>Where a gap sits when expected value is weighed against effort.</summary>
public enum ValueEffortQuadrant
{
    /// <summary>Value at or above the median, effort at or below it.</summary>
    QuickWin,

    /// <summary>Value at or above the median, effort above it.</summary>
    MajorProject,

    /// <summary>Value below the median, effort at or below it.</summary>
    FillIn,

    /// <summary>Value below the median, effort above it.</summary>
    Reconsider,

    /// <summary>Valued, but its epics carry no estimate (or it has no epic yet).</summary>
    NotEstimated,

    /// <summary>No expected value (no cost rates, no KPI moved, no data).</summary>
    NotValued,
}

public sealed record ValueEffortInput(string DimensionKey, string Name, int Gap, GapValue Value, GapEffort Effort);

public sealed record ValueEffortItem(ValueEffortInput Gap, ValueEffortQuadrant Quadrant, decimal? ValuePerPoint);

/// <summary>
/// Expected value (money per month) against effort (story points). The lines are the medians of the gaps that have
/// both, so the matrix works for any plant size: value at or above the median is high, effort at or below it is low.
/// Currencies are never mixed: the medians are taken per currency. Order: by value per point (highest first), then the not-estimated gaps by value,
/// then the not-valued ones by gap.
/// </summary>
public static class ValueEffortMatrix
{
    public static IReadOnlyList<ValueEffortItem> Place(IEnumerable<ValueEffortInput> gaps)
    {
        var all = gaps.Where(g => g.Gap > 0).ToList();
        var placed = all.Where(g => g.Value.IsValued && g.Effort.IsEstimated).ToList();
        var medians = placed.GroupBy(g => g.Value.Currency!)
            .ToDictionary(c => c.Key, c => (Value: Median(c.Select(g => (double)g.Value.PerMonth!.Value)), Effort: Median(c.Select(g => g.Effort.Points!.Value))));

        var result = new List<ValueEffortItem>();
        foreach (var g in placed)
        {
            var (value, effort) = medians[g.Value.Currency!];
            var high = (double)g.Value.PerMonth!.Value >= value - 1e-9;
            var low = g.Effort.Points!.Value <= effort + 1e-9;
            var quadrant = (high, low) switch
            {
                (true, true) => ValueEffortQuadrant.QuickWin,
                (true, false) => ValueEffortQuadrant.MajorProject,
                (false, true) => ValueEffortQuadrant.FillIn,
                _ => ValueEffortQuadrant.Reconsider,
            };
            result.Add(new ValueEffortItem(g, quadrant, PerPoint(g)));
        }
        var ordered = result.OrderByDescending(i => i.ValuePerPoint ?? decimal.MaxValue).ThenByDescending(i => i.Gap.Value.PerMonth).ToList();
        ordered.AddRange(all.Where(g => g.Value.IsValued && !g.Effort.IsEstimated).OrderByDescending(g => g.Value.PerMonth)
            .Select(g => new ValueEffortItem(g, ValueEffortQuadrant.NotEstimated, null)));
        ordered.AddRange(all.Where(g => !g.Value.IsValued).OrderByDescending(g => g.Gap).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new ValueEffortItem(g, ValueEffortQuadrant.NotValued, null)));
        return ordered;
    }

    /// <summary>Money per month per story point; null for zero points (free work has no ratio, it sorts first).</summary>
    private static decimal? PerPoint(ValueEffortInput g) =>
        g.Effort.Points is > 0 ? decimal.Round(g.Value.PerMonth!.Value / (decimal)g.Effort.Points.Value, 2, MidpointRounding.AwayFromZero) : null;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

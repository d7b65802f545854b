namespace FactoryCloud.Domain.Maturity;

/// <summary>Where a gap sits in the prioritisation matrix (gap size against impact weight).</summary>
public enum PriorityQuadrant
{
    /// <summary>Large gap on a high-impact dimension.</summary>
    DoFirst,

    /// <summary>Small gap on a high-impact dimension: little effort, much value.</summary>
    QuickWin,

    /// <summary>Large gap on a lower-impact dimension: plan it.</summary>
    Plan,

    /// <summary>Small gap on a lower-impact dimension.</summary>
    Later,
}

public sealed record PriorityItem(DimensionResult Dimension, int Gap, double Weight, double Priority, PriorityQuadrant Quadrant);

/// <summary>
/// Ranks the open gaps: priority = gap × weight. A gap of <see cref="LargeGap"/> stages or more is large; a weight
/// at or above the mean weight of the model's dimensions is high impact (relative, so it works for any weight scale).
/// </summary>
public static class GapPrioritisation
{
    public const int LargeGap = 2;

    public static IReadOnlyList<PriorityItem> Rank(AssessmentScore score)
    {
        if (score.Dimensions.Count == 0) return [];
        var highImpact = score.Dimensions.Average(d => d.Weight);
        return score.Dimensions
            .Where(d => d.Gap > 0)
            .Select(d =>
            {
                var gap = d.Gap!.Value;
                var quadrant = (gap >= LargeGap, d.Weight >= highImpact - 1e-9) switch
                {
                    (true, true) => PriorityQuadrant.DoFirst,
                    (false, true) => PriorityQuadrant.QuickWin,
                    (true, false) => PriorityQuadrant.Plan,
                    _ => PriorityQuadrant.Later,
                };
                return new PriorityItem(d, gap, d.Weight, gap * d.Weight, quadrant);
            })
            .OrderByDescending(p => p.Priority).ThenByDescending(p => p.Weight).ThenByDescending(p => p.Gap)
            .ThenBy(p => p.Dimension.Name, StringComparer.Ordinal)
            .ToList();
    }
}

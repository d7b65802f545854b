namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Every evidence rule the product has, by source; and the evaluation of a dimension with its model's thresholds.</summary>
public static class EvidenceRules
{
    public static readonly IReadOnlyList<EvidenceRule> All =
    [
        ConnectivityEvidence.Rule, DataEvidence.Rule, EnergyEvidence.Rule, AnalyticsEvidence.Rule,
        CybersecurityEvidence.Rule, OrganisationEvidence.Rule, StrategyEvidence.Rule, AutomationEvidence.Rule,
    ];

    /// <summary>The rule for a source; null for None and NotInProduct.</summary>
    public static EvidenceRule? For(EvidenceSource source) => All.FirstOrDefault(r => r.Source == source);

    /// <summary>The dimension's evidence with the thresholds its model version stores (defaults for those it does not).</summary>
    public static EvidenceResult? Evaluate(MaturityDimension dimension, EvidenceFacts facts) =>
        For(dimension.Evidence)?.Evaluate(facts, dimension.EvidenceThresholds);

    internal static EvidenceRequirement AtLeast(string figure, double threshold) => new(figure, Comparison.AtLeast, threshold);
    internal static EvidenceRequirement AtMost(string figure, double threshold) => new(figure, Comparison.AtMost, threshold);
    internal static EvidenceRung Rung(MaturityStage stage, params EvidenceRequirement[] requirements) => new(stage, requirements);

    internal static double? Share(double part, double whole) => whole > 0 ? part / whole : null;
    internal static double? Flag(bool? value) => value is { } v ? (v ? 1 : 0) : null;

    /// <summary>(now − before) / before; null when either is missing or before is zero.</summary>
    internal static double? RelativeChange(double? now, double? before) =>
        now is { } n && before is { } b && b != 0 ? (n - b) / b : null;

    internal static double? Difference(double? now, double? before) => now is { } n && before is { } b ? n - b : null;

    internal static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Population standard deviation over mean; null for fewer than two values or a zero mean.</summary>
    internal static double? CoefficientOfVariation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        var mean = values.Average();
        if (mean <= 0) return null;
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count) / mean;
    }
}

namespace FactoryCloud.Domain.Maturity.Evidence;

public enum Comparison
{
    AtLeast,
    AtMost,
}

/// <summary>"figure ≥ threshold" (or ≤) with the threshold's default; a figure without data never meets it.</summary>
public sealed record EvidenceRequirement(string Figure, Comparison Comparison, double DefaultThreshold)
{
    public bool IsMetBy(double? value, double threshold) => value is { } v &&
        (Comparison == Comparison.AtLeast ? v >= threshold - 1e-12 : v <= threshold + 1e-12);
}

/// <summary>What a stage needs on top of the stages below it.</summary>
public sealed record EvidenceRung(MaturityStage Stage, IReadOnlyList<EvidenceRequirement> Requirements)
{
    /// <summary>The key an Owner tunes a requirement's threshold under: "figure.stage", e.g. "streaming-share.3".</summary>
    public static string ThresholdKey(string figure, MaturityStage stage) => $"{figure}.{(int)stage}";
}

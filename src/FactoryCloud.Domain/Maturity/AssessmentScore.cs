namespace FactoryCloud.Domain.Maturity;

/// <summary>One dimension's result: current and target stage and the gap between them.</summary>
public sealed record DimensionResult(
    string Key,
    string Name,
    DimensionGroup Group,
    double Weight,
    MaturityStage? Current,
    MaturityStage? Target,
    DateOnly? TargetDate,
    AnswerConfidence Confidence)
{
    /// <summary>Stages still to climb; 0 when the target is reached; null without both a stage and a target.</summary>
    public int? Gap => Current is { } current && Target is { } target ? Math.Max(0, (int)target - (int)current) : null;
}

/// <summary>A group's weighted score over its answered dimensions.</summary>
public sealed record GroupScore(DimensionGroup Group, double? Score, double? TargetScore);

/// <summary>
/// An assessment's scores. Scores are weighted means of stages (0..5) over the dimensions that have one;
/// <see cref="OverallStage"/> is the stage the overall score has fully reached.
/// </summary>
public sealed record AssessmentScore(
    double? Overall,
    double? Target,
    int Answered,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<GroupScore> Groups)
{
    public MaturityStage? OverallStage => Overall is { } score ? MaturityStages.Reached(score) : null;

    /// <summary>Share of dimensions with a stage, 0..1.</summary>
    public double Progress => Dimensions.Count == 0 ? 0 : (double)Answered / Dimensions.Count;

    public DimensionResult? Find(string key) => Dimensions.FirstOrDefault(d => d.Key == key);
}

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>
/// What the product's data says about one dimension: the measured figures, the stage they suggest, the rule in
/// words and why the stage is not higher. The assessor decides; <see cref="DisagreesWith"/> flags a big difference.
/// </summary>
public sealed record EvidenceResult(
    EvidenceSource Source, IReadOnlyList<EvidenceFigure> Figures, MaturityStage Stage, IReadOnlyList<string> Rule, IReadOnlyList<string> Reasons)
{
    /// <summary>More than one stage apart: a self-assessment of 4 against a suggested 2 is flagged, 3 against 2 is not.</summary>
    public bool DisagreesWith(MaturityStage? selfAssessed) => EvidenceDisagreement.IsFlagged(selfAssessed, Stage);
}

public static class EvidenceDisagreement
{
    public const int AllowedStages = 1;

    public static bool IsFlagged(MaturityStage? selfAssessed, MaturityStage suggested) =>
        selfAssessed is { } self && Math.Abs((int)self - (int)suggested) > AllowedStages;
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Maturity;

/// <summary>The assessors' answer for one dimension of an assessment: current stage, target and what backs it.</summary>
public sealed class MaturityAnswer : ITenantOwned
{
    public const int MaxNotesLength = 4000;
    public const int MaxEvidenceLinks = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid AssessmentId { get; set; }
    public required string DimensionKey { get; set; }

    /// <summary>Null while unanswered.</summary>
    public MaturityStage? Stage { get; set; }

    public AnswerConfidence Confidence { get; set; } = AnswerConfidence.Medium;
    public string Notes { get; set; } = "";
    public List<string> EvidenceLinks { get; set; } = [];
    public MaturityStage? TargetStage { get; set; }
    public DateOnly? TargetDate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public DimensionAnswer ToScoringInput() => new(DimensionKey, Stage, TargetStage, TargetDate, Confidence);
}

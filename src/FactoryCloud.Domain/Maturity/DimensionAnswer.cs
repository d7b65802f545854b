namespace FactoryCloud.Domain.Maturity;

/// <summary>The scoring input for one dimension.</summary>
public sealed record DimensionAnswer(
    string DimensionKey,
    MaturityStage? Stage,
    MaturityStage? TargetStage = null,
    DateOnly? TargetDate = null,
    AnswerConfidence Confidence = AnswerConfidence.Medium);

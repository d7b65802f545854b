namespace FactoryCloud.Domain.Maturity;

/// <summary>How sure the assessors are of a dimension's stage.</summary>
public enum AnswerConfidence
{
    Low,
    Medium,
    High,
}

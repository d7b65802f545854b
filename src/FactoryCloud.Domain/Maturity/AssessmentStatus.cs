namespace FactoryCloud.Domain.Maturity;

/// <summary>Draft and submitted assessments can be edited; an approved one is read-only.</summary>
public enum AssessmentStatus
{
    Draft,
    Submitted,
    Approved,
}

namespace FactoryCloud.Domain.Maturity;

/// <summary>Draft → Submitted → Approved; a submitted assessment can go back to draft; an approved one never changes.</summary>
public static class AssessmentWorkflow
{
    public static bool CanMove(AssessmentStatus from, AssessmentStatus to) => (from, to) switch
    {
        (AssessmentStatus.Draft, AssessmentStatus.Submitted) => true,
        (AssessmentStatus.Submitted, AssessmentStatus.Draft) => true,
        (AssessmentStatus.Submitted, AssessmentStatus.Approved) => true,
        _ => false,
    };

    /// <summary>Why the assessment cannot move, or null when it can. Submitting needs every dimension answered.</summary>
    public static string? Refusal(AssessmentStatus from, AssessmentStatus to, int answered, int dimensions)
    {
        if (from == AssessmentStatus.Approved) return "An approved assessment is read-only.";
        if (!CanMove(from, to)) return $"A {from.ToString().ToLowerInvariant()} assessment cannot become {to.ToString().ToLowerInvariant()}.";
        if (to == AssessmentStatus.Submitted && answered < dimensions)
            return $"Answer every dimension before submitting ({answered} of {dimensions} answered).";
        return null;
    }
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Maturity;

/// <summary>An assessment of one site, or of the whole organisation when <see cref="SiteId"/> is null.</summary>
public sealed class MaturityAssessment : ITenantOwned
{
    public const int MaxAssessors = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ModelVersionId { get; set; }
    public Guid? SiteId { get; set; }
    public required string Title { get; set; }
    public List<string> Assessors { get; set; } = [];
    public AssessmentStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }

    /// <summary>
    /// The next re-assessment of the site, as an Owner or Admin set it; null: computed (<see cref="Reassessment.NextDue(DateTimeOffset, IEnumerable{DateOnly})"/>).
    /// </summary>
    public DateOnly? NextReassessmentOn { get; set; }

    public bool IsReadOnly => Status == AssessmentStatus.Approved;

    /// <summary>When the assessment counts as taken, for history and trend: approval, else submission, else creation.</summary>
    public DateTimeOffset TakenAt => ApprovedAt ?? SubmittedAt ?? CreatedAt;
}

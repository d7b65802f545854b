using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Maturity;

namespace FactoryCloud.Web.Features.Maturity;

public sealed record ModelVersionView(
    Guid Id, Guid ModelId, int Version, string Name, int BasedOnProductVersion, DateTimeOffset CreatedAt, string? CreatedBy,
    bool IsLatest, MaturityModelDefinition Definition);

public sealed record ModelSummary(Guid ModelId, string Name, Guid LatestVersionId, int LatestVersion, DateTimeOffset UpdatedAt);

public sealed class CopyModelRequest
{
    [StringLength(100)]
    public string? Name { get; set; }

    /// <summary>The template to copy (<see cref="MaturityTemplates"/>): null or "factorycloud" for the default model, "i40-maturity-index".</summary>
    [StringLength(64)]
    public string? Template { get; set; }
}

/// <summary>A model template an organisation can copy.</summary>
public sealed record ModelTemplateView(string Key, string Name, MaturityModelDefinition Definition);

public sealed class SaveModelRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string Name { get; set; } = "";

    [Required]
    public MaturityModelDefinition Definition { get; set; } = new();
}

public sealed class AssessmentRequest
{
    [Required(ErrorMessage = "Give the assessment a title."), StringLength(200, MinimumLength = 1)]
    public string Title { get; set; } = "";

    /// <summary>The site assessed; null for the whole organisation.</summary>
    public Guid? SiteId { get; set; }

    /// <summary>The model version to take the assessment with; null for the latest version of the tenant's model.</summary>
    public Guid? ModelVersionId { get; set; }

    [MaxLength(MaturityAssessment.MaxAssessors, ErrorMessage = "At most 20 assessors.")]
    public List<string> Assessors { get; set; } = [];
}

/// <summary>The next re-assessment date an Owner or Admin sets on an assessment; null goes back to the computed date.</summary>
public sealed class NextReassessmentRequest
{
    public DateOnly? Date { get; set; }
}

/// <summary>An assessment's next re-assessment: the date due, and whether someone set it (else it is computed).</summary>
public sealed record NextReassessmentView(Guid AssessmentId, DateOnly Due, bool IsSet);

public sealed class AnswerRequest
{
    public MaturityStage? Stage { get; set; }
    public AnswerConfidence Confidence { get; set; } = AnswerConfidence.Medium;

    [StringLength(MaturityAnswer.MaxNotesLength)]
    public string? Notes { get; set; }

    public List<string> EvidenceLinks { get; set; } = [];
    public MaturityStage? TargetStage { get; set; }
    public DateOnly? TargetDate { get; set; }
}

public sealed record StatusRequest(AssessmentStatus Status);

public sealed record AnswerView(
    string DimensionKey, MaturityStage? Stage, AnswerConfidence Confidence, string Notes, IReadOnlyList<string> EvidenceLinks,
    MaturityStage? TargetStage, DateOnly? TargetDate, DateTimeOffset UpdatedAt)
{
    public static AnswerView From(MaturityAnswer a) =>
        new(a.DimensionKey, a.Stage, a.Confidence, a.Notes, a.EvidenceLinks, a.TargetStage, a.TargetDate, a.UpdatedAt);
}

public sealed record AssessmentSummary(
    Guid Id, string Title, Guid? SiteId, string ScopeName, AssessmentStatus Status, IReadOnlyList<string> Assessors,
    Guid ModelVersionId, int ModelVersion, DateTimeOffset CreatedAt, DateTimeOffset TakenAt, double? OverallScore,
    MaturityStage? OverallStage, double Progress);

public sealed record AssessmentDetail(
    AssessmentSummary Summary, ModelVersionView Model, IReadOnlyList<AnswerView> Answers, DateTimeOffset? ApprovedAt, string? ApprovedBy,
    PreviousAssessment? Previous = null);

/// <summary>The assessment of the same site before this one (a re-assessment was pre-filled from it), with its stage per dimension.</summary>
public sealed record PreviousAssessment(Guid Id, string Title, DateTimeOffset TakenAt, IReadOnlyDictionary<string, MaturityStage?> Stages);

/// <summary>A previous (or this) assessment of the same site or organisation, for the trend.</summary>
public sealed record HistoryPoint(Guid AssessmentId, string Title, DateTimeOffset TakenAt, AssessmentStatus Status, double? OverallScore, double? TargetScore);

public sealed record AssessmentResults(
    AssessmentSummary Summary, AssessmentScore Score, IReadOnlyList<PriorityItem> Priorities, IReadOnlyList<RoadmapItem> Roadmap,
    IReadOnlyList<HistoryPoint> History, ChangeSincePrevious? Change = null);

/// <summary>A re-assessment's change per dimension against the previous assessment of the same site.</summary>
public sealed record ChangeSincePrevious(Guid PreviousId, string PreviousTitle, DateTimeOffset PreviousTakenAt, AssessmentChange Change);

public sealed record ComparisonView(IReadOnlyList<AssessmentSummary> Assessments, IReadOnlyList<ComparisonRow> Rows);

public sealed record PortfolioRow(
    Guid SiteId, string SiteName, Guid? AssessmentId, AssessmentStatus? Status, DateTimeOffset? AssessedAt, double? OverallScore,
    MaturityStage? Stage, double? TargetScore, int OpenGaps, double? Oee30Days, int OpenImprovementWork);

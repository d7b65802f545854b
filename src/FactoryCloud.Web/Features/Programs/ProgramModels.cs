using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Programs;
using FactoryCloud.Domain.Value;

namespace FactoryCloud.Web.Features.Programs;

/// <summary>An epic closing one of a site's gaps, with its progress from the backlog (done points over points, by items when nothing is estimated).</summary>
public sealed record ProgramEpic(
    Guid WorkItemId, string Title, Guid ProductId, string ProductName, string DimensionKey, string DimensionName, string Column, ColumnCategory Category,
    double Points, double DonePoints, int Items, int DoneItems, double? Progress, DateOnly? StartedOn, DateOnly? DoneOn);

/// <summary>
/// One site in the program: its maturity now (the latest approved assessment, else the latest) and its target, the
/// epics closing its gaps, the value delivered so far per currency, the next re-assessment (set by an Owner or Admin
/// on the current assessment, else computed) and its timeline.
/// </summary>
public sealed record ProgramSite(
    Guid SiteId, string SiteName, Guid? AssessmentId, string? AssessmentTitle, DateTimeOffset? AssessedAt, double? Score, MaturityStage? Stage,
    double? TargetScore, MaturityStage? TargetStage, int OpenGaps, IReadOnlyList<ProgramEpic> Epics, double? EpicProgress,
    IReadOnlyList<ValueTotal> ValueDelivered, DateOnly? NextAssessmentDue, bool NextAssessmentSet, bool AssessmentOverdue, IReadOnlyList<TimelineEvent> Timeline);

/// <summary>
/// The latest assessment of the whole organisation (not bound to a site): its stage now and target, and why its gaps
/// are not valued in money (<see cref="NotValuedReason"/>).
/// </summary>
public sealed record ProgramOrganisationAssessment(
    Guid AssessmentId, string Title, DateTimeOffset AssessedAt, double? Score, MaturityStage? Stage, double? TargetScore, MaturityStage? TargetStage, int OpenGaps,
    string NotValuedReason);

/// <summary>The organisation's program: every site, the organisation-wide assessment if any, and the value delivered by the whole organisation per currency.</summary>
public sealed record ProgramView(DateTimeOffset At, IReadOnlyList<ProgramSite> Sites, IReadOnlyList<ValueTotal> ValueDelivered,
    ProgramOrganisationAssessment? Organisation = null);

using FactoryCloud.Web.Features.Alerts;

namespace FactoryCloud.Web.Features.Shell;

/// <summary>What the home page shows once the getting-started checklist is done: what needs attention now.</summary>
public sealed record HomeNow(
    int OpenAlertCount, IReadOnlyList<AlertView> NewestOpenAlerts, IReadOnlyList<PlantToday> Plants,
    IReadOnlyList<RunningSprint> Sprints, NextAssessment? NextAssessment);

/// <summary>A site with its OEE over today (local midnight in the site's time zone until now); null when nothing was planned.</summary>
public sealed record PlantToday(Guid SiteId, string Name, int MachineCount, double? Oee);

public sealed record RunningSprint(Guid ProductId, string ProductName, string SprintName, DateOnly EndDate);

/// <summary>
/// The assessment to take up next: one in progress (draft or submitted, <see cref="AssessmentId"/> set), else the
/// site assessed longest ago or never (<see cref="LastTakenAt"/> null).
/// </summary>
public sealed record NextAssessment(string Title, Guid? AssessmentId, DateTimeOffset? LastTakenAt);

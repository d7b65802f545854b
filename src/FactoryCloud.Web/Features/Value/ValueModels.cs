using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Value;

namespace FactoryCloud.Web.Features.Value;

/// <summary>
/// One work item's measured KPI change in money per month. <see cref="PerMonth"/> is null when its site has no cost
/// rates (<see cref="Explanation"/> says so). <see cref="DoneAt"/>: when it reached done; <see cref="MeasuredOn"/>: the
/// end of its measured window.
/// </summary>
public sealed record ItemMoneyView(
    Guid WorkItemId, string Title, Guid ProductId, string ProductName, Guid SiteId, string SiteName, HypothesisKpi Kpi,
    double Baseline, double Measured, decimal? PerMonth, string? Currency, string Explanation, double? StoryPoints, ValueConfidence Confidence,
    DateTimeOffset DoneAt, DateTimeOffset MeasuredOn, Guid? SprintId = null, string? SprintName = null);

/// <summary>Value delivered in money: every measured item, and totals per product, per site and for the organisation (the program).</summary>
public sealed record ValueProgramView(
    IReadOnlyList<ItemMoneyView> Items, IReadOnlyList<ValueTotal> ByProduct, IReadOnlyList<ValueTotal> BySite, IReadOnlyList<ValueTotal> Organisation);

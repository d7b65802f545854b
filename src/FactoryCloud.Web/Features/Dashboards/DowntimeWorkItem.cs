using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>A work item to reduce one downtime reason of a Pareto: where it goes, and its text (prefilled, editable).</summary>
public sealed class DowntimeWorkItemRequest
{
    [Required(ErrorMessage = "Choose a product.")]
    public Guid? ProductId { get; set; }

    public WorkItemType Type { get; set; } = WorkItemType.Story;

    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(WorkItem.TitleMaxLength, ErrorMessage = "The title is too long.")]
    public string Title { get; set; } = "";

    [StringLength(WorkItem.TextMaxLength)]
    public string Description { get; set; } = "";

    /// <summary>The last line of a Pareto work item's proposed description: maturity evidence counts the items that carry it.</summary>
    public const string ParetoMarker = "Created from the downtime Pareto of the dashboard.";

    /// <summary>The types offered: a story to improve, or a bug when the stop is a defect.</summary>
    public static readonly WorkItemType[] Types = [WorkItemType.Story, WorkItemType.Bug, WorkItemType.Task];

    /// <summary>The proposal for a Pareto bar of <paramref name="assetName"/> over <paramref name="window"/>.</summary>
    public static DowntimeWorkItemRequest Propose(string assetName, ParetoEntry entry, TimeRangeKind range, TimeWindow window, string? timeZone = null) => new()
    {
        Title = $"Reduce {entry.Reason ?? "unexplained"} downtime on {assetName}",
        Description = string.Create(CultureInfo.InvariantCulture,
            $"""
            {assetName} was down for "{entry.Reason ?? "no reason given"}" {entry.Seconds / 60:0.#} min in {entry.Episodes} episode(s), {KpiText.Percent(entry.Share)} of its downtime.
            Range: {KpiText.RangeName(range)}, {DashboardFormat.Window(window, timeZone)}.
            {ParetoMarker}
            """),
    };
}

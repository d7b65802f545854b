using System.Globalization;
using FactoryCloud.Web.Common.Export;

namespace FactoryCloud.Web.Features.Programs;

/// <summary>
/// The program view as tables for the shared exports (<see cref="CsvExport"/>, <see cref="XlsxExport"/>):
/// one row per site (stage now and target, open gaps, epic progress, value delivered per currency, next
/// re-assessment), a row for the organisation-wide assessment (not valued in money), and one row per epic. Text cells are written as text (CSV: formulas defused by <c>CsvText.Escape</c>;
/// Excel: inline strings), numbers as numbers, dates as yyyy-MM-dd.
/// </summary>
public static class ProgramExport
{
    public static readonly string[] SiteHeaders =
    [
        "Site", "Assessment", "Assessed on", "Stage now", "Score", "Target stage", "Target score", "Open gaps", "Epics", "Epic progress",
        "Value delivered per month", "Currency", "Next re-assessment", "Next re-assessment set", "Overdue",
    ];

    public static readonly string[] EpicHeaders = ["Site", "Epic", "Dimension", "Product", "Status", "Story points", "Done story points", "Items", "Done items", "Progress", "Started", "Done"];

    public static IReadOnlyList<ExportTable> Tables(ProgramView program)
    {
        var sites = new List<IReadOnlyList<object?>>();
        foreach (var s in program.Sites)
        {
            // One row per currency of value delivered (amounts in different currencies are never added); one row when none.
            List<(double? PerMonth, string? Currency)> values = s.ValueDelivered.Count == 0
                ? [(null, null)]
                : s.ValueDelivered.Select(v => ((double?)(double)v.PerMonth, (string?)v.Currency)).ToList();
            foreach (var (perMonth, currency) in values)
                sites.Add(
                [
                    s.SiteName, s.AssessmentTitle, Date(s.AssessedAt), s.Stage?.ToString(), s.Score, s.TargetStage?.ToString(), s.TargetScore, s.OpenGaps,
                    s.Epics.Count, s.EpicProgress, perMonth, currency, s.NextAssessmentDue is { } d ? Date(d) : null,
                    s.AssessmentId is null ? null : s.NextAssessmentSet ? "set" : "computed", s.AssessmentOverdue ? "yes" : "no",
                ]);
        }
        if (program.Organisation is { } o)
            sites.Add(
            [
                "Whole organisation", o.Title, Date(o.AssessedAt), o.Stage?.ToString(), o.Score, o.TargetStage?.ToString(), o.TargetScore, o.OpenGaps,
                null, null, null, "not valued: see the program view", null, null, null,
            ]);
        var epics = program.Sites.SelectMany(s => s.Epics.Select(e => (IReadOnlyList<object?>)
        [
            s.SiteName, e.Title, e.DimensionName, e.ProductName, e.Column, e.Points, e.DonePoints, e.Items, e.DoneItems, e.Progress,
            e.StartedOn is { } started ? Date(started) : null, e.DoneOn is { } done ? Date(done) : null,
        ])).ToList();
        return [new ExportTable("Sites", SiteHeaders, sites), new ExportTable("Epics", EpicHeaders, epics)];
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Date(DateTimeOffset? at) => at is { } a ? Date(DateOnly.FromDateTime(a.UtcDateTime)) : null;
}

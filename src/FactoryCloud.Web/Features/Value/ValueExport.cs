using System.Globalization;
using FactoryCloud.Domain.Value;
using FactoryCloud.Web.Common.Export;

namespace FactoryCloud.Web.Features.Value;

/// <summary>
/// Value delivered as tables for the shared exports (<see cref="CsvExport"/>, <see cref="XlsxExport"/>): every measured
/// item, the roll-ups per product, per site and for the organisation (one row per currency: amounts in different
/// currencies are never added), and value against effort. Money as numbers with two decimals, dates as yyyy-MM-dd.
/// </summary>
public static class ValueExport
{
    public static readonly string[] ItemHeaders =
        ["Work item", "Product", "Site", "KPI", "Baseline", "Measured", "Value per month", "Currency", "Story points", "Confidence", "How"];

    public static readonly string[] EffortHeaders =
        ["Work item", "Done", "Story points", "Value per month", "Currency", "Cumulative story points", "Cumulative value per month", "Sprint", "Cumulative sprints"];

    public static IReadOnlyList<ExportTable> Tables(ValueProgramView program) =>
    [
        Items(program),
        Totals("By product", "Product", program.ByProduct),
        Totals("By site", "Site", program.BySite),
        Totals("Organisation", "Scope", program.Organisation.Select(t => t with { Key = "Whole organisation" }).ToList()),
        Effort(ValueInMoneyService.EffortCurve(program)),
    ];

    public static ExportTable Items(ValueProgramView program) => new("Items", ItemHeaders, program.Items.Select(i => (IReadOnlyList<object?>)
    [
        i.Title, i.ProductName, i.SiteName, i.Kpi.ToString(), i.Baseline, i.Measured, i.PerMonth, i.Currency, i.StoryPoints,
        i.Confidence.Level.ToString(), i.Explanation,
    ]).ToList());

    public static ExportTable Effort(IReadOnlyList<ValueEffortStep> steps) => new("Value against effort", EffortHeaders, steps.Select(s => (IReadOnlyList<object?>)
    [
        s.Title, s.DoneAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.StoryPoints, s.PerMonth, s.Currency,
        s.CumulativePoints, s.CumulativePerMonth, s.Sprint, s.CumulativeSprints,
    ]).ToList());

    private static ExportTable Totals(string name, string keyHeader, IReadOnlyList<ValueTotal> totals) =>
        new(name, [keyHeader, "Currency", "Value per month", "Story points", "Items", "Low-confidence items"], totals.Select(t => (IReadOnlyList<object?>)
        [
            t.Key, t.Currency, t.PerMonth, t.StoryPoints, t.Items, t.LowConfidenceItems,
        ]).ToList());
}

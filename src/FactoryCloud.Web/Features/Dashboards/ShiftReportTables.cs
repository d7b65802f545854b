using System.Globalization;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Dashboards.Export;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>A table of the printed shift report: every cell already written for people.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The shift report's tables: the same figures as the exports (<see cref="DashboardExport"/>), which keep fractions,
/// seconds and a unit column for spreadsheets, written for people instead: "3.4 %", "2 h 11 min", "1,368".
/// </summary>
public static class ShiftReportTables
{
    /// <summary>How each export column reads on paper: its header there and how its cells are written.</summary>
    private static readonly Dictionary<string, (string Header, Func<object?, string> Write)> Columns = new(StringComparer.Ordinal)
    {
        ["Seconds"] = ("Downtime", c => DisplayFormat.Duration(Number(c))),
        ["Episodes"] = ("Episodes", c => Count(c)),
        ["Share"] = ("Share", c => DisplayFormat.Percent(Number(c))),
        ["Cumulative share"] = ("Cumulative share", c => DisplayFormat.Percent(Number(c))),
        ["OEE"] = ("OEE", c => DisplayFormat.Percent(Number(c))),
        ["Availability"] = ("Availability", c => DisplayFormat.Percent(Number(c))),
        ["Performance"] = ("Performance", c => DisplayFormat.Percent(Number(c))),
        ["Quality"] = ("Quality", c => DisplayFormat.Percent(Number(c))),
        ["Run s"] = ("Run time", c => DisplayFormat.Duration(Number(c))),
        ["Breakdown s"] = ("Breakdown time", c => DisplayFormat.Duration(Number(c))),
        ["Good"] = ("Good", c => Count(c)),
        ["Scrap"] = ("Scrap", c => Count(c)),
    };

    public static IReadOnlyList<ReportTable> For(ScopeDashboard dashboard) =>
        DashboardExport.Tables(dashboard).Select(t => t.Name == "KPIs" ? Kpis(t) : ByColumn(t)).ToList();

    /// <summary>KPI rows carry their unit in the third cell; the window rows are left out (the report's header names it in the site's zone).</summary>
    private static ReportTable Kpis(ExportTable table) => new(table.Name, ["KPI", "Value"],
        table.Rows.Where(r => r[2] is not "UTC").Select(r => (IReadOnlyList<string>)[Text(r[0]), ByUnit(r[1], Text(r[2]))]).ToList());

    private static string ByUnit(object? value, string unit) => value switch
    {
        null => DisplayFormat.Undefined,
        string s => s,
        _ => unit switch
        {
            "fraction" => DisplayFormat.Percent(Number(value)),
            "s" => DisplayFormat.Duration(Number(value)),
            "units" => Count(value),
            "units/h" => DisplayFormat.Number(Number(value)) + " per hour",
            "kWh" => DisplayFormat.Number(Number(value)) + " kWh",
            "kWh/unit" => DisplayFormat.Number(Number(value), 3) + " kWh",
            _ => DisplayFormat.Number(Number(value), 3),
        },
    };

    private static ReportTable ByColumn(ExportTable table)
    {
        var writers = table.Headers.Select(h => Columns.TryGetValue(h, out var column) ? column : (h, Text)).ToList();
        return new ReportTable(table.Name, writers.Select(w => w.Item1).ToList(),
            table.Rows.Select(r => (IReadOnlyList<string>)r.Select((cell, i) => writers[i].Item2(cell)).ToList()).ToList());
    }

    private static double? Number(object? cell) => cell is null or string ? null : Convert.ToDouble(cell, CultureInfo.InvariantCulture);

    private static string Count(object? cell) => cell is null ? DisplayFormat.Undefined : DisplayFormat.Count(Convert.ToInt64(cell, CultureInfo.InvariantCulture));

    private static string Text(object? cell) => cell is null ? DisplayFormat.Undefined : Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";
}

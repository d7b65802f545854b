using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards.Export;

/// <summary>
/// The KPIs shown on a dashboard, its downtime Pareto and (lines, sites) its machines, as tables. Ratios are
/// fractions and times seconds, as in the REST API, so spreadsheets compute with them; names are ISO 22400's.
/// </summary>
public static class DashboardExport
{
    public static IReadOnlyList<ExportTable> Tables(ScopeDashboard dashboard)
    {
        var k = dashboard.Kpis;
        var kpis = new ExportTable("KPIs", ["KPI", "Value", "Unit"],
        [
            Row("Scope", $"{dashboard.Scope} {dashboard.Name}", ""),
            Row("From", dashboard.Window.Start.UtcDateTime.ToString("O"), "UTC"),
            Row("To", dashboard.Window.End.UtcDateTime.ToString("O"), "UTC"),
            Row(Iso22400Names.OeeIndex, k.Oee, "fraction"),
            Row(Iso22400Names.Availability, k.Availability, "fraction"),
            Row(Iso22400Names.Effectiveness, k.Performance, "fraction"),
            Row("Performance above 100 % (check ideal cycle times)", k.PerformanceAboveIdeal ? "yes" : "no", ""),
            Row(Iso22400Names.QualityRatio, k.Quality, "fraction"),
            Row(Iso22400Names.PlannedBusyTime, k.PlannedProductionSeconds, "s"),
            Row("Run time", k.RunSeconds, "s"),
            Row("Breakdown time", k.DownSeconds, "s"),
            Row("Small stops", k.SmallStopSeconds, "s"),
            Row("Setup and adjustment", k.ChangeoverSeconds, "s"),
            Row("Idle", k.IdleSeconds, "s"),
            Row("Offline", k.OfflineSeconds, "s"),
            Row("No data", k.NoDataSeconds, "s"),
            Row("Planned stops", k.PlannedStopSeconds, "s"),
            Row("Good quantity", k.GoodCount, "units"),
            Row("Scrap quantity", k.ScrapCount, "units"),
            Row(Iso22400Names.ScrapRatio, k.ScrapRate, "fraction"),
            Row("Throughput", k.ThroughputPerHour, "units/h"),
            Row(Iso22400Names.MeanOperatingTimeBetweenFailures, k.MtbfSeconds, "s"),
            Row(Iso22400Names.MeanTimeToRestoration, k.MttrSeconds, "s"),
            Row("Energy", k.EnergyKwh, "kWh"),
            Row("Energy per good unit", k.EnergyPerGoodUnit, "kWh/unit"),
            Row("Top loss", k.TopLoss is { } loss ? KpiText.LossName(loss) : null, ""),
        ]);
        var pareto = new ExportTable("Downtime Pareto", ["Reason", "Seconds", "Episodes", "Share", "Cumulative share"],
            dashboard.Pareto.Select(e => Row(e.Reason ?? "(no reason)", e.Seconds, e.Episodes, e.Share, e.CumulativeShare)).ToList());
        if (dashboard.Machines.Count == 0) return [kpis, pareto];
        var machines = new ExportTable("Machines", ["Machine", "OEE", "Availability", "Performance", "Quality", "Run s", "Breakdown s", "Good", "Scrap"],
            dashboard.Machines.Select(m => Row(m.Name, m.Kpis.Oee, m.Kpis.Availability, m.Kpis.Performance, m.Kpis.Quality,
                m.Kpis.RunSeconds, m.Kpis.DownSeconds, m.Kpis.GoodCount, m.Kpis.ScrapCount)).ToList());
        return [kpis, pareto, machines];
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Tests.Dashboards;

/// <summary>The printed shift report writes every figure for people (it showed "3.38 %" with unit "fraction" and 1368.798).</summary>
public sealed class ShiftReportTablesTests
{
    private static readonly TimeWindow Shift = new(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero));

    private static readonly KpiResult Kpis = KpiResult.Of(KpiTotals.Zero with
    {
        PlannedSeconds = 7860, RunSeconds = 7860, GoodCount = 1368, ScrapCount = 2, IdealSecondsTotal = 266, IdealSecondsGood = 265.668,
    }, 1, Shift);

    private static ScopeDashboard Dashboard() => new(KpiScope.Line, Guid.NewGuid(), "Line 1", "Europe/Berlin", TimeRangeKind.CurrentShift, Shift, Kpis,
        [], [new ParetoEntry("jam", 1368.798, 3, 0.75, 0.75)], [new MachineComparison(Guid.NewGuid(), "Press 1", Kpis)], [], []);

    [Fact]
    public void KpisArePercentagesDurationsAndCountsWithoutAUnitColumn()
    {
        var kpis = ShiftReportTables.For(Dashboard()).Single(t => t.Name == "KPIs");

        Assert.Equal(["KPI", "Value"], kpis.Headers);
        string Value(string name) => kpis.Rows.Single(r => r[0] == name)[1];
        Assert.Equal("3.4 %", Value(Iso22400Names.OeeIndex));
        Assert.Equal("2 h 11 min", Value("Run time"));
        Assert.Equal("1,368", Value("Good quantity"));
        Assert.Equal("–", Value(Iso22400Names.MeanTimeToRestoration));
        Assert.DoesNotContain(kpis.Rows, r => r[0] is "From" or "To");
        Assert.DoesNotContain(kpis.Rows.SelectMany(r => r), cell => cell.Contains("fraction", StringComparison.Ordinal));
    }

    [Fact]
    public void ParetoAndMachineTablesNameTheirUnitsInWords()
    {
        var tables = ShiftReportTables.For(Dashboard());

        var pareto = tables.Single(t => t.Name == "Downtime Pareto");
        Assert.Equal(["Reason", "Downtime", "Episodes", "Share", "Cumulative share"], pareto.Headers);
        Assert.Equal(["jam", "22 min 49 s", "3", "75.0 %", "75.0 %"], pareto.Rows.Single());

        var machines = tables.Single(t => t.Name == "Machines");
        Assert.Equal(["Machine", "OEE", "Availability", "Performance", "Quality", "Run time", "Breakdown time", "Good", "Scrap"], machines.Headers);
        Assert.Equal(["Press 1", "3.4 %", "100.0 %", "3.4 %", "99.9 %", "2 h 11 min", "0 s", "1,368", "2"], machines.Rows.Single());
    }
}

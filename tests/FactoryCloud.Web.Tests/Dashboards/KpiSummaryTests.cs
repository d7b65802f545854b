using Bunit;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Dashboards;

/// <summary>The KPI cards say why a figure is missing instead of a silent "–".</summary>
public sealed class KpiSummaryTests
{
    private static readonly TimeWindow Saturday = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WithoutPlannedTimeItSaysSoAndShowsWhatWasProducedOutsideIt()
    {
        await using var ctx = WebTestContext.Create();
        var kpis = KpiResult.Of(KpiTotals.Zero with { UnplannedCount = 400 }, 1, Saturday);

        var summary = ctx.Render<KpiSummary>(p => p.Add(x => x.Kpis, kpis));

        Assert.Contains("No planned production in this range", summary.Find("[data-testid=kpi-no-planned-time]").TextContent, StringComparison.Ordinal);
        Assert.Contains("400 units were produced outside planned time", summary.Find("[data-testid=kpi-no-planned-time]").TextContent, StringComparison.Ordinal);
        Assert.Contains("400 units", summary.Find("[data-testid=kpi-unplanned]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeBeforeTheFirstDataIsShownOnItsOwnAndNotAsALoss()
    {
        await using var ctx = WebTestContext.Create();
        var kpis = KpiResult.Of(KpiTotals.Zero with { PlannedSeconds = 3600, RunSeconds = 3600, BeforeFirstDataSeconds = 6 * 3600 }, 1, Saturday);

        var summary = ctx.Render<KpiSummary>(p => p.Add(x => x.Kpis, kpis));

        Assert.Empty(summary.FindAll("[data-testid=kpi-no-planned-time]"));
        Assert.Contains("6 h 00 min", summary.Find("[data-testid=kpi-before-first-data]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 s", summary.Find("[data-testid=kpi-no-data] h6").TextContent);
        Assert.Equal("100.00 %", summary.Find("[data-testid=kpi-availability] h6").TextContent);
        Assert.Empty(summary.FindAll("[data-testid=kpi-unplanned]"));
    }
}

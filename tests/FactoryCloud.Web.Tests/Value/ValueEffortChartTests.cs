using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Value;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Value;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Value;

public sealed class ValueEffortChartTests
{
    private static readonly DateTimeOffset Day = new(2027, 1, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachMeasuredItemIsAStepOfItsCurrencysLine()
    {
        await using var ctx = WebTestContext.Create();
        var steps = ValueEffortCurve.Build(
        [
            new(Guid.NewGuid(), "Fix the jam sensor", Day, 8, 36_000m, "EUR"),
            new(Guid.NewGuid(), "Tune the oven", Day.AddDays(3), 5, 1_200m, "EUR"),
            new(Guid.NewGuid(), "Swiss line", Day, 3, 900m, "CHF"),
        ]);

        var chart = ctx.Render<ValueEffortChart>(p => p.Add(c => c.Steps, steps));

        Assert.Equal(["CHF", "EUR"], chart.FindAll(".value-effort-series").Select(s => s.GetAttribute("data-currency")));
        Assert.Equal(3, chart.FindAll("circle.value-effort-step").Count);
        Assert.Contains("37,200.00 EUR", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EffortCanBeShownInSprints()
    {
        await using var ctx = WebTestContext.Create();
        Guid one = Guid.NewGuid(), two = Guid.NewGuid();
        var steps = ValueEffortCurve.Build(
        [
            new(Guid.NewGuid(), "Fix the jam sensor", Day, 8, 36_000m, "EUR", one, "Sprint 1"),
            new(Guid.NewGuid(), "Tune the oven", Day.AddDays(14), 5, 1_200m, "EUR", two, "Sprint 2"),
        ]);

        var chart = ctx.Render<ValueEffortChart>(p => p.Add(c => c.Steps, steps).Add(c => c.BySprints, true));

        var svg = chart.Find("[data-testid=value-effort-chart]");
        Assert.Equal("sprints", svg.GetAttribute("data-axis"));
        Assert.Contains("Sprints that delivered (cumulative)", svg.TextContent);
        Assert.Contains("in Sprint 2", chart.FindAll("circle.value-effort-step")[1].TextContent);
        Assert.Contains("for 2 sprint(s)", chart.FindAll("circle.value-effort-step")[1].TextContent);
    }

    [Fact]
    public async Task NothingMeasuredSaysSo()
    {
        await using var ctx = WebTestContext.Create();

        var chart = ctx.Render<ValueEffortChart>(p => p.Add(c => c.Steps, []));

        Assert.Contains("nothing to chart", chart.Find("[data-testid=value-effort-chart]").TextContent);
    }

    [Fact]
    public async Task TheMatrixPlacesEstimatedGapsAndKeepsTheOthersInTheirLanes()
    {
        await using var ctx = WebTestContext.Create();
        static ValueEffortGapView Gap(string key, decimal? value, double? points, ValueEffortQuadrant quadrant) =>
            new(key, key, 1, MaturityStage.AdHoc, MaturityStage.Developing, value, value is null ? null : "EUR", "", "", points is null ? 0 : 1, points, 1, 0, null, quadrant, null);
        var view = new ValueEffortView(Guid.NewGuid(), Guid.NewGuid(), "EUR", 5_000, 8,
            [Gap("analytics", 5_000, 8, ValueEffortQuadrant.QuickWin), Gap("connectivity", 12_000, null, ValueEffortQuadrant.NotEstimated), Gap("strategy", null, 3, ValueEffortQuadrant.NotValued)]);

        var matrix = ctx.Render<ValueEffortMatrixChart>(p => p.Add(c => c.View, view));

        Assert.Equal(["analytics"], matrix.FindAll(".value-effort-point").Select(p => p.GetAttribute("data-dimension")));
        Assert.Equal(["connectivity"], matrix.FindAll("[data-testid=not-estimated-lane] .not-estimated-gap").Select(p => p.GetAttribute("data-dimension")));
        Assert.Contains("12,000 EUR", matrix.Find("[data-testid=not-estimated-lane]").TextContent);
        Assert.Equal(["Quick win", "Not estimated", "Not valued"], matrix.FindAll("[data-testid=value-effort-quadrant]").Select(c => c.TextContent.Trim()));
    }
}

using Bunit;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Maturity;

public sealed class RadarChartTests
{
    private static readonly string[] Axes = ["Strategy", "Connectivity and IIoT", "Data architecture and integration (SCADA, MES, ERP)", "Energy"];

    [Fact]
    public async Task EachSeriesIsAPolygonWithOnePointPerDimensionScaledToStageFive()
    {
        await using var ctx = WebTestContext.Create();

        // Size 400: centre (200, 200), outer ring radius 148. The first axis points up, the others clockwise.
        var radar = ctx.Render<RadarChart>(p => p
            .Add(c => c.Axes, Axes)
            .Add(c => c.Size, 400)
            .Add(c => c.Series, [new RadarChart.RadarSeries("Current", "#1565c0", [5, 0, null, 2.5]), new RadarChart.RadarSeries("Target", "#ef6c00", [5, 5, 5, 5], Dashed: true)]));

        var current = radar.Find("polygon.radar-series[data-series=Current]").GetAttribute("points");
        Assert.Equal("200,52 200,200 200,200 126,200", current);
        var target = radar.Find("polygon.radar-series[data-series=Target]");
        Assert.Equal("200,52 348,200 200,348 52,200", target.GetAttribute("points"));
        Assert.Equal("6 4", target.GetAttribute("stroke-dasharray"));
        Assert.Equal(5, radar.FindAll("polygon.radar-ring").Count);
        Assert.Equal(["Current", "Target"], radar.Find("[data-testid=radar-legend]").Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task LongDimensionNamesAreShortenedButKeptWholeInTheTooltip()
    {
        await using var ctx = WebTestContext.Create();

        var radar = ctx.Render<RadarChart>(p => p.Add(c => c.Axes, Axes).Add(c => c.Series, []));

        var label = radar.FindAll("text.radar-axis")[2];
        Assert.Equal("Data architecture and integration (SCADA, MES, ERP)", label.QuerySelector("title")!.TextContent);
        // Wrapped to two whole lines instead of cut ("ergy and sustainabili…" was clipped at the chart's edge).
        Assert.Equal(["Data architecture", "and integration"], label.QuerySelectorAll("tspan").Select(t => t.TextContent));
        Assert.Empty(radar.FindAll("polygon.radar-series"));
    }

    [Fact]
    public async Task EveryLabelFitsInsideTheChart()
    {
        await using var ctx = WebTestContext.Create();
        string[] axes = ["Strategy and organisation", "Energy and sustainability management", "Connectivity and IIoT", "People, skills and culture", "Analytics"];

        var radar = ctx.Render<RadarChart>(p => p.Add(c => c.Axes, axes).Add(c => c.Series, []));

        var viewBox = radar.Find("svg").GetAttribute("viewBox")!.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var label in radar.FindAll("text.radar-axis"))
        {
            var x = double.Parse(label.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
            var widest = label.QuerySelectorAll("tspan").Max(t => t.TextContent.Length) * RadarChart.CharacterWidth;
            var (left, right) = label.GetAttribute("text-anchor") switch { "end" => (x - widest, x), "start" => (x, x + widest), _ => (x - (widest / 2), x + (widest / 2)) };
            Assert.InRange(left, viewBox[0], viewBox[0] + viewBox[2]);
            Assert.InRange(right, viewBox[0], viewBox[0] + viewBox[2]);
            Assert.All(label.QuerySelectorAll("tspan"), t => Assert.InRange(t.TextContent.Length, 1, RadarChart.LabelLine));
        }
    }

    [Fact]
    public async Task TheViewBoxSpansTheLabelsAndNoMoreSoTheChartFillsItsPanel()
    {
        await using var ctx = WebTestContext.Create();
        string[] axes = ["Strategy", "Connectivity", "Data", "Energy"];

        var radar = ctx.Render<RadarChart>(p => p.Add(c => c.Axes, axes).Add(c => c.Size, 400).Add(c => c.Series, []));

        // Labels at 1.1 × 148 = 162.8 from the centre: "Connectivity" (12 characters) starts at 362.8 on the right,
        // "Energy" (6) ends at 37.2 on the left; 4 units to spare either side.
        var viewBox = radar.Find("svg").GetAttribute("viewBox")!.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(37.2 - (6 * RadarChart.CharacterWidth) - 4, viewBox[0], 1);
        Assert.Equal(362.8 + (12 * RadarChart.CharacterWidth) + 4, viewBox[0] + viewBox[2], 1);
    }

    [Theory]
    [InlineData(0, 5.0, 200, 68)]
    [InlineData(1, 5.0, 332, 200)]
    [InlineData(2, 2.5, 200, 266)]
    [InlineData(3, 9.0, 68, 200)] // above the maximum: clamped to the outer ring
    public void RadarPointsGoClockwiseFromTheTop(int axis, double value, double x, double y)
    {
        var (px, py) = ChartGeometry.RadarPoint(axis, 4, value, 5, 132, 200);
        Assert.Equal(x, px, 9);
        Assert.Equal(y, py, 9);
    }
}

public sealed class ChartLabelTests
{
    [Fact]
    public void LabelsOfNearbyPointsAreMovedApartAndOthersStay()
    {
        var ys = ChartGeometry.SpreadLabels([(100, 50), (104, 52), (300, 50), (102, 80)], width: 150, lineHeight: 12);

        Assert.Equal([50, 64, 50, 80], ys);
    }

    [Fact]
    public void PointsOnTheSameSpotAreSetSideBySideWithinTheBounds()
    {
        var points = ChartGeometry.SpreadPoints([(100, 50), (100, 50), (100, 50), (300, 50), (30, 80), (30, 80)], distance: 20, minX: 20, maxX: 400);

        Assert.Equal([(100, 50), (120, 50), (80, 50), (300, 50), (30, 80), (50, 80)], points);
    }

    [Fact]
    public void ALongLabelWrapsAtSpacesAndEndsWithAnEllipsisWhenItDoesNotFit()
    {
        Assert.Equal(["Energy and", "sustainability…"], ChartGeometry.Wrap("Energy and sustainability management", 18, 2));
        Assert.Equal(["Analytics"], ChartGeometry.Wrap("Analytics", 18, 2));
    }
}

using Bunit;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Dashboards;

public sealed class StateTimelineBandTests
{
    private static readonly DateTimeOffset H = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static StateInterval Interval(int fromMinute, int toMinute, MachineState? state) =>
        new(H.AddMinutes(fromMinute), H.AddMinutes(toMinute), state, state == MachineState.Down ? "jam" : null, H.AddMinutes(fromMinute), H.AddMinutes(toMinute));

    private static readonly StateInterval[] Hour =
        [Interval(0, 10, null), Interval(10, 30, MachineState.Running), Interval(30, 60, MachineState.Down)];

    [Fact]
    public async Task EachIntervalIsABandAsWideAsItsShareOfTheWindowInItsStateColour()
    {
        await using var ctx = WebTestContext.Create();

        var band = ctx.Render<StateTimelineBand>(p => p.Add(b => b.Intervals, Hour).Add(b => b.Window, new TimeWindow(H, H.AddHours(1))));

        var rects = band.FindAll("[data-testid=timeline-interval]");
        Assert.Equal(["No data", "Running", "Down"], rects.Select(r => r.GetAttribute("data-state")));
        Assert.Equal(["0", "166.667", "500"], rects.Select(r => r.GetAttribute("x")));
        Assert.Equal(["166.667", "333.333", "500"], rects.Select(r => r.GetAttribute("width")));
        Assert.Equal([StateTimelineBand.NoDataColor, TileLook.Green, TileLook.Red], rects.Select(r => r.GetAttribute("fill")));
        Assert.Contains("(jam)", rects[2].TextContent);
    }

    [Fact]
    public async Task ZoomingInShowsTheMiddleHalfAndMovingAndResettingStayInsideTheWindow()
    {
        await using var ctx = WebTestContext.Create();
        var band = ctx.Render<StateTimelineBand>(p => p.Add(b => b.Intervals, Hour).Add(b => b.Window, new TimeWindow(H, H.AddHours(1))));

        band.Find("[data-testid=zoom-in]").Click();
        Assert.Equal(new TimeWindow(H.AddMinutes(15), H.AddMinutes(45)), band.Instance.Visible);
        Assert.Equal(["0", "500"], band.FindAll("[data-testid=timeline-interval]").Select(r => r.GetAttribute("x")));

        band.Find("[data-testid=pan-left]").Click();
        Assert.Equal(new TimeWindow(H, H.AddMinutes(30)), band.Instance.Visible); // stops at the window start
        Assert.Equal(["No data", "Running"], band.FindAll("[data-testid=timeline-interval]").Select(r => r.GetAttribute("data-state")));

        band.Find("[data-testid=zoom-reset]").Click();
        Assert.Equal(new TimeWindow(H, H.AddHours(1)), band.Instance.Visible);
        Assert.Equal(3, band.FindAll("[data-testid=timeline-interval]").Count);
    }

    [Fact]
    public async Task ZoomingInStopsAtFiveMinutes()
    {
        await using var ctx = WebTestContext.Create();
        var band = ctx.Render<StateTimelineBand>(p => p.Add(b => b.Intervals, Hour).Add(b => b.Window, new TimeWindow(H, H.AddMinutes(8))));

        band.Find("[data-testid=zoom-in]").Click();

        Assert.Equal(StateTimelineBand.MinimumSpan, band.Instance.Visible.Duration);
        Assert.True(band.Find("[data-testid=zoom-in]").HasAttribute("disabled"));
    }
}

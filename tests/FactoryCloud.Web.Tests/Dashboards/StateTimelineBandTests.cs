using Bunit;
using Microsoft.AspNetCore.Components.Web;
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

    [Fact]
    public async Task DraggingAcrossTheBandShowsThatPartReportsItAndTheResetShowsTheWholeWindowAgain()
    {
        await using var ctx = WebTestContext.Create();
        MeasureBandAt(ctx, left: 100, width: 1000);
        var reported = new List<TimeWindow>();
        var band = ctx.Render<StateTimelineBand>(p => p.Add(b => b.Intervals, Hour).Add(b => b.Window, new TimeWindow(H, H.AddHours(1)))
            .Add(b => b.Zoomed, w => reported.Add(w)));

        // From a quarter of the band (15 min) to three quarters (45 min), right to left, with a preview on the way.
        await band.Find("[data-testid=timeline-drag]").PointerDownAsync(new PointerEventArgs { ClientX = 850, Button = 0 });
        await band.Find("[data-testid=timeline-drag]").PointerMoveAsync(new PointerEventArgs { ClientX = 600 });
        Assert.Equal(("500", "250"), (band.Find("[data-testid=timeline-selection]").GetAttribute("x"), band.Find("[data-testid=timeline-selection]").GetAttribute("width")));
        Assert.Equal(new TimeWindow(H, H.AddHours(1)), band.Instance.Visible);
        await band.Find("[data-testid=timeline-drag]").PointerUpAsync(new PointerEventArgs { ClientX = 350 });

        var zoom = new TimeWindow(H.AddMinutes(15), H.AddMinutes(45));
        Assert.Equal(zoom, band.Instance.Visible);
        Assert.Equal([zoom], reported);
        Assert.Empty(band.FindAll("[data-testid=timeline-selection]"));
        Assert.Equal(["Running", "Down"], band.FindAll("[data-testid=timeline-interval]").Select(r => r.GetAttribute("data-state")));
        Assert.Equal("08:15:00 – 08:45:00", band.Find("[data-testid=timeline-visible]").TextContent);

        band.Find("[data-testid=zoom-reset]").Click();
        Assert.Equal(new TimeWindow(H, H.AddHours(1)), band.Instance.Visible);
        Assert.Equal([zoom, new TimeWindow(H, H.AddHours(1))], reported);
    }

    [Fact]
    public async Task AClickWithoutDraggingChangesNothingAndMovesOutsideADragSendNoEvents()
    {
        await using var ctx = WebTestContext.Create();
        MeasureBandAt(ctx, left: 0, width: 1000);
        var reported = new List<TimeWindow>();
        var band = ctx.Render<StateTimelineBand>(p => p.Add(b => b.Intervals, Hour).Add(b => b.Window, new TimeWindow(H, H.AddHours(1)))
            .Add(b => b.Zoomed, w => reported.Add(w)));
        Assert.False(band.Find("[data-testid=timeline-drag]").HasAttribute("blazor:onpointermove"));

        await band.Find("[data-testid=timeline-drag]").PointerDownAsync(new PointerEventArgs { ClientX = 500, Button = 0 });
        Assert.True(band.Find("[data-testid=timeline-drag]").HasAttribute("blazor:onpointermove"));
        await band.Find("[data-testid=timeline-drag]").PointerUpAsync(new PointerEventArgs { ClientX = 502 });

        Assert.Equal(new TimeWindow(H, H.AddHours(1)), band.Instance.Visible);
        Assert.Empty(reported);
    }

    [Fact]
    public async Task LeavingTheBandWhileDraggingZoomsToTheEdgeAndALiveRefreshKeepsTheZoom()
    {
        await using var ctx = WebTestContext.Create();
        MeasureBandAt(ctx, left: 0, width: 1000);
        var band = ctx.Render<StateTimelineBand>(p => p.Add(b => b.Intervals, Hour).Add(b => b.Window, new TimeWindow(H, H.AddHours(1))));

        await band.Find("[data-testid=timeline-drag]").PointerDownAsync(new PointerEventArgs { ClientX = 500, Button = 0 });
        await band.Find("[data-testid=timeline-drag]").PointerLeaveAsync(new PointerEventArgs { ClientX = 1200 });
        Assert.Equal(new TimeWindow(H.AddMinutes(30), H.AddHours(1)), band.Instance.Visible);

        // Live data moves the window's end to now: the zoom stays. Another range shows all of it.
        band.Render(p => p.Add(b => b.Window, new TimeWindow(H, H.AddMinutes(61))));
        Assert.Equal(new TimeWindow(H.AddMinutes(30), H.AddHours(1)), band.Instance.Visible);
        band.Render(p => p.Add(b => b.Window, new TimeWindow(H.AddDays(-1), H)));
        Assert.Equal(new TimeWindow(H.AddDays(-1), H), band.Instance.Visible);
    }

    /// <summary>The band's place on the page, which the component asks the browser for when a drag starts.</summary>
    private static void MeasureBandAt(BunitContext ctx, double left, double width) =>
        ctx.JSInterop.Setup<StateTimelineBand.HorizontalBounds?>("factoryCloud.horizontalBounds", _ => true)
            .SetResult(new StateTimelineBand.HorizontalBounds(left, width));
}

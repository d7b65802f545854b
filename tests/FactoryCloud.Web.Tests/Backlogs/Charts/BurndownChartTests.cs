using Bunit;
using FactoryCloud.Domain.Backlogs.Charts;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Charts;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Backlogs.Charts;

public sealed class BurndownChartTests
{
    [Fact]
    public async Task OnTheFirstDayTheActualRemainingIsShownBesideTheIdealLine()
    {
        await using var ctx = WebTestContext.Create();
        var start = new DateOnly(2026, 12, 7);
        Burndown.Day[] days = [new(start, 21, 21), new(start.AddDays(1), null, 14), new(start.AddDays(2), null, 7), new(start.AddDays(3), null, 0)];

        var chart = ctx.Render<BurndownChart>(p => p.Add(x => x.Days, days));

        // The commitment at the start and what remains at the end of day 1: a line, not a lone dot.
        Assert.Equal(2, chart.FindAll("[data-testid=burndown-point]").Count);
        Assert.Equal(2, chart.Find("[data-testid=burndown-actual]").GetAttribute("points")!.Split(' ').Length);
        Assert.Equal("21", chart.Find("[data-testid=burndown]").GetAttribute("data-remaining"));
    }

    [Fact]
    public void BothLinesStartAtTheCommitmentAndTodayIsPlacedAtThePresentMoment()
    {
        var start = new DateOnly(2026, 12, 7);
        // 28 points committed over 4 days: the ideal falls by 7 a day; at 06:00 on day 2, 25 points remain.
        Burndown.Day[] days = [new(start, 26, 21), new(start.AddDays(1), 25, 14), new(start.AddDays(2), null, 7), new(start.AddDays(3), null, 0)];

        var (ideal, actual) = BurndownChart.Lines(days, new DateTimeOffset(2026, 12, 8, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal([(0, 28), (1, 21), (2, 14), (3, 7), (4, 0)], ideal);
        Assert.Equal([(0, 28), (1, 26), (1.25, 25)], actual);
    }
}

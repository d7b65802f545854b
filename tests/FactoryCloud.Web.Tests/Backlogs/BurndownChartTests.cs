using Bunit;
using FactoryCloud.Domain.Backlogs.Charts;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Backlogs;

public sealed class BurndownChartTests
{
    [Fact]
    public async Task OnTheFirstDayTheActualRemainingIsShownBesideTheIdealLine()
    {
        await using var ctx = WebTestContext.Create();
        var start = new DateOnly(2026, 12, 7);
        Burndown.Day[] days = [new(start, 21, 21), new(start.AddDays(1), null, 14), new(start.AddDays(2), null, 7), new(start.AddDays(3), null, 0)];

        var chart = ctx.Render<BurndownChart>(p => p.Add(x => x.Days, days));

        Assert.Single(chart.FindAll("[data-testid=burndown-point]"));
        Assert.Equal("21", chart.Find("[data-testid=burndown]").GetAttribute("data-remaining"));
    }
}

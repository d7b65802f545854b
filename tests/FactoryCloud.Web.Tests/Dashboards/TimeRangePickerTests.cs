using Bunit;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Dashboards;

public sealed class TimeRangePickerTests
{
    [Fact]
    public async Task TheChosenRangeIsMarkedAndTheOthersAreNot()
    {
        await using var ctx = WebTestContext.Create();

        var picker = ctx.Render<TimeRangePicker>(p => p.Add(x => x.Value, TimeRangeKind.Today));

        var today = picker.Find("[data-testid=range-Today]");
        Assert.Equal("true", today.GetAttribute("aria-pressed"));
        Assert.Contains("range-selected", today.ClassList);
        Assert.NotNull(today.QuerySelector("svg"));
        foreach (var other in TimeRangePicker.Ranges.Where(r => r != TimeRangeKind.Today))
        {
            var button = picker.Find($"[data-testid=range-{other}]");
            Assert.Equal("false", button.GetAttribute("aria-pressed"));
            Assert.DoesNotContain("range-selected", button.ClassList);
            Assert.Null(button.QuerySelector("svg"));
        }
    }
}

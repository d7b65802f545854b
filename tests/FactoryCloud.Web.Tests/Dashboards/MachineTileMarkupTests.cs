using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Features.Dashboards;

namespace FactoryCloud.Web.Tests.Dashboards;

public sealed class MachineTileMarkupTests
{
    [Fact]
    public void NamesAndKeysAreEncodedAndTheTileIsRenderedOncePerOverview()
    {
        var tile = new MachineTile(Guid.NewGuid(), "k\"<1>", "<script>alert(1)</script>", MachineState.Down, null, TimeSpan.FromMinutes(12),
            new TileKpis(0.5, LossCategory.Breakdown));

        var html = MachineTileMarkup.Of(tile).Value;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("title=\"k&quot;&lt;1&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Down\"", html, StringComparison.Ordinal);
        Assert.Contains("12 min", html, StringComparison.Ordinal);
        Assert.Same(html, MachineTileMarkup.Of(tile).Value);
    }
}

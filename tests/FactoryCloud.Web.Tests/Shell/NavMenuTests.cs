using Bunit;
using FactoryCloud.Web.Components.Layout;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using MudBlazor;
using MudBlazor.Extensions;

namespace FactoryCloud.Web.Tests.Shell;

public sealed class NavMenuTests
{
    [Fact]
    public async Task LinksToEveryAreaAndToMembersSettings()
    {
        await using var ctx = WebTestContext.Create();
        ctx.AddAuthorization().SetAuthorized("adam@acme.test");

        var cut = ctx.Render<NavMenu>();

        var links = cut.FindComponents<MudNavLink>().ToDictionary(l => l.Find("a").TextContent.Trim(), l => l.Instance.Href);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Home"] = "?home=1",
            ["Program"] = "program",
            ["Plants"] = "plants",
            ["Ingestion health"] = "plants/ingestion",
            ["Dashboards"] = "dashboards",
            ["Alerts"] = "alerts",
            ["Backlogs"] = "backlogs",
            ["Maturity"] = "maturity",
            ["Value"] = "value",
            ["Members"] = "settings/members",
            ["KPI settings"] = "settings/kpis",
            ["Plan and data"] = "settings/plan",
            ["Microsoft Entra ID"] = "settings/entra",
            ["Security"] = "settings/security",
            ["Access tokens"] = "settings/tokens",
            ["Webhooks"] = "settings/webhooks",
        }, links);
    }

    [Fact]
    public async Task MembersLinkSitsInTheExpandedSettingsGroup()
    {
        await using var ctx = WebTestContext.Create();
        ctx.AddAuthorization().SetAuthorized("adam@acme.test");

        var cut = ctx.Render<NavMenu>();

        var settings = Assert.Single(cut.FindComponents<MudNavGroup>());
        Assert.Equal("Settings", settings.Instance.Title);
        Assert.True(settings.Instance.GetState(x => x.Expanded));
        Assert.Equal(["settings/members", "settings/kpis", "settings/plan", "settings/entra", "settings/security", "settings/tokens", "settings/webhooks"], settings.FindComponents<MudNavLink>().Select(l => l.Instance.Href));
    }

    [Fact]
    public async Task OnlyOwnersGetTheAuditTrailLinkAtTheEndOfSettings()
    {
        await using var ctx = WebTestContext.Create();
        ctx.AddAuthorization().SetAuthorized("olivia@acme.test").SetPolicies(TenantPolicies.Owner);

        var cut = ctx.Render<NavMenu>();

        var settings = Assert.Single(cut.FindComponents<MudNavGroup>());
        Assert.Equal(["settings/members", "settings/kpis", "settings/plan", "settings/entra", "settings/security", "settings/tokens", "settings/webhooks", "settings/demo", "settings/audit", "settings/export"], settings.FindComponents<MudNavLink>().Select(l => l.Instance.Href));
        Assert.Equal("Audit trail", settings.FindComponents<MudNavLink>()[^2].Find("a").TextContent.Trim());
        Assert.Equal("Export data", settings.FindComponents<MudNavLink>()[^1].Find("a").TextContent.Trim());
    }

    [Fact]
    public async Task OnlyLinksWithDeeperSiblingsMatchExactly()
    {
        await using var ctx = WebTestContext.Create();
        ctx.AddAuthorization().SetAuthorized("adam@acme.test");

        var cut = ctx.Render<NavMenu>();

        // "Home" (the base address, with ?home=1) would otherwise be active on every page, and "Plants" on the ingestion health page.
        var exact = cut.FindComponents<MudNavLink>().Where(l => l.Instance.Match == Microsoft.AspNetCore.Components.Routing.NavLinkMatch.All);
        Assert.Equal(["?home=1", "plants"], exact.Select(l => l.Instance.Href));
    }
}

using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Alerts;

public sealed class AlertsPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;
    private AlertSeed _alerts = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("vera@acme.test", "Vera", TenantRole.Viewer));
        _alerts = await AlertSeed.CreateAsync(_database, _acme.Id);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task TheTabsShowOpenAlertsFirstAndTheClosedOnesOnTheirTab()
    {
        await _alerts.AddAsync("Down for 12 min (jam)");
        await _alerts.AddAsync("No data for 20 min", a => a.Clear(AlertSeed.RaisedAt.AddMinutes(30)));
        await using var ctx = WebTestContext.Create(_database);
        ctx.SignIn(_acme.Member(TenantRole.Viewer), _acme.MembershipAs(TenantRole.Viewer));
        MembersScenario.RenderProviders(ctx);

        var page = ctx.Render<AlertsPage>();

        Assert.Equal(["Open", "Acknowledged", "Closed"], page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal("Down for 12 min (jam)", page.Find("[data-testid=alert-detail]").TextContent));

        await page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Closed").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("No data for 20 min", page.Find("[data-testid=alert-detail]").TextContent));
        Assert.Equal("Cleared automatically, 2 Mar 2026, 09:45 (UTC)", page.Find("[data-testid=alert-closed]").TextContent);
    }
}

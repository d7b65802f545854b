using Bunit;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Alerts;

public sealed class AlertListTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;
    private AlertSeed _alerts = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works",
            ("olivia@acme.test", "Olivia", TenantRole.PlantManager), ("vera@acme.test", "Vera", TenantRole.Viewer));
        _alerts = await AlertSeed.CreateAsync(_database, _acme.Id);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task TheOpenListShowsOnlyOpenAlertsWithTheirMachineRuleAndDetail()
    {
        await _alerts.AddAsync("Down for 12 min (jam)");
        await _alerts.AddAsync("Down for 7 min", a => a.TryAcknowledge(Guid.NewGuid(), "Someone", AlertSeed.RaisedAt));
        await using var ctx = CreateContext(TenantRole.PlantManager);

        var list = ctx.Render<AlertList>(p => p.Add(l => l.Status, AlertStatus.Open));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=alert-row]")));
        var row = list.Find("[data-testid=alert-row]");
        Assert.Contains("Press 1", row.TextContent);
        Assert.Contains("Press down", row.TextContent);
        Assert.Equal("Down for 12 min (jam)", list.Find("[data-testid=alert-detail]").TextContent);
        Assert.Contains("2 Mar 2026, 09:15 (UTC)", row.TextContent);
    }

    [Fact]
    public async Task TimesAreShownInTheMachinesSiteTimeZoneWithTheZoneNamed()
    {
        var globex = await _database.SeedTenantAsync("Globex", ("gary@globex.test", "Gary", TenantRole.PlantManager));
        var berlin = await AlertSeed.CreateAsync(_database, globex.Id, "Europe/Berlin");
        await berlin.AddAsync("Down for 7 min", a => a.TryAcknowledge(Guid.NewGuid(), "Gary", AlertSeed.RaisedAt.AddMinutes(3)));
        await using var ctx = WebTestContext.Create(_database);
        ctx.SignIn(globex.Member(TenantRole.PlantManager), globex.MembershipAs(TenantRole.PlantManager));

        var list = ctx.Render<AlertList>(p => p.Add(l => l.Status, AlertStatus.Acknowledged));

        // 09:15 UTC on 2 March is 10:15 in Berlin (CET, UTC+1).
        list.WaitForAssertion(() => Assert.Equal("2 Mar 2026, 10:15 (Europe/Berlin)", list.Find("[data-testid=alert-raised]").TextContent));
        Assert.Equal("Gary, 2 Mar 2026, 10:18 (Europe/Berlin)", list.Find("[data-testid=alert-acknowledged]").TextContent);
    }

    [Fact]
    public async Task AcknowledgingRecordsTheUserAndMovesTheAlertOutOfTheOpenList()
    {
        var alert = await _alerts.AddAsync("Down for 12 min (jam)");
        await using var ctx = CreateContext(TenantRole.PlantManager);
        var changes = 0;
        ctx.Services.GetRequiredService<AlertNotifications>().Changed += _ => changes++;
        var list = ctx.Render<AlertList>(p => p.Add(l => l.Status, AlertStatus.Open));
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=alert-row]")));

        await list.Find("button[data-testid=alert-acknowledge]").ClickAsync(new());

        list.WaitForAssertion(() => Assert.NotNull(list.Find("[data-testid=alerts-empty]")));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        var stored = await db.Alerts.SingleAsync(a => a.Id == alert.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal((AlertStatus.Acknowledged, "Olivia", _acme.Member(TenantRole.PlantManager).UserId), (stored.Status, stored.AcknowledgedByName, stored.AcknowledgedBy!.Value));
        Assert.Equal(1, changes); // the bell and other lists hear it
    }

    [Fact]
    public async Task TheAcknowledgedListShowsWhoAcknowledgedAndWhenAndCanStillClose()
    {
        await _alerts.AddAsync("Down for 7 min", a => a.TryAcknowledge(Guid.NewGuid(), "Olivia", AlertSeed.RaisedAt.AddMinutes(3)));
        await using var ctx = CreateContext(TenantRole.PlantManager);

        var list = ctx.Render<AlertList>(p => p.Add(l => l.Status, AlertStatus.Acknowledged));

        list.WaitForAssertion(() => Assert.Equal("Olivia, 2 Mar 2026, 09:18 (UTC)", list.Find("[data-testid=alert-acknowledged]").TextContent));
        Assert.Empty(list.FindAll("[data-testid=alert-acknowledge]"));
        Assert.Single(list.FindAll("[data-testid=alert-close]"));
    }

    [Fact]
    public async Task TheClosedListTellsAlertsClearedAutomaticallyFromThoseAUserClosed()
    {
        await _alerts.AddAsync("Down for 7 min", a => a.Clear(AlertSeed.RaisedAt.AddMinutes(10)));
        await _alerts.AddAsync("Down for 9 min", a => a.TryClose(Guid.NewGuid(), "Olivia", AlertSeed.RaisedAt.AddMinutes(20)));
        await using var ctx = CreateContext(TenantRole.PlantManager);

        var list = ctx.Render<AlertList>(p => p.Add(l => l.Status, AlertStatus.Closed));

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=alert-closed]").Count));
        var closed = list.FindAll("[data-testid=alert-closed]").Select(c => c.TextContent).Order().ToList();
        Assert.Equal(["Cleared automatically, 2 Mar 2026, 09:25 (UTC)", "Olivia, 2 Mar 2026, 09:35 (UTC)"], closed);
        Assert.Empty(list.FindAll("[data-testid=alert-close]"));
    }

    [Fact]
    public async Task AViewerSeesAlertsWithoutAcknowledgeOrCloseButtons()
    {
        await _alerts.AddAsync("Down for 12 min (jam)");
        await using var ctx = CreateContext(TenantRole.Viewer);

        var list = ctx.Render<AlertList>(p => p.Add(l => l.Status, AlertStatus.Open));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=alert-row]")));
        Assert.Empty(list.FindAll("[data-testid=alert-acknowledge]"));
        Assert.Empty(list.FindAll("[data-testid=alert-close]"));
    }

    private Bunit.BunitContext CreateContext(TenantRole role)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.SignIn(_acme.Member(role), _acme.MembershipAs(role));
        return ctx;
    }
}

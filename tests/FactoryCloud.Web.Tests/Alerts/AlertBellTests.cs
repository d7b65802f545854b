using Bunit;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Alerts;

public sealed class AlertBellTests : IAsyncLifetime
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
    public async Task CountsOnlyTheAlertsNobodyAcknowledgedOrClosedYet()
    {
        await _alerts.AddAsync("Down for 5 min");
        await _alerts.AddAsync("Down for 6 min");
        await _alerts.AddAsync("Down for 7 min", a => a.TryAcknowledge(Guid.NewGuid(), "Olivia", AlertSeed.RaisedAt));
        await _alerts.AddAsync("Down for 8 min", a => a.Clear(AlertSeed.RaisedAt));
        await using var ctx = CreateContext();

        var bell = ctx.Render<AlertBell>();

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=alert-bell]").GetAttribute("data-open-count")));
        Assert.Equal("2 open alerts, the worst major", bell.Find("[data-testid=alert-bell]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ANewAlertShowsAtOnceWhenItsTenantsAlertsChange()
    {
        await using var ctx = CreateContext();
        var bell = ctx.Render<AlertBell>();
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid=alert-bell]").GetAttribute("data-open-count")));

        await _alerts.AddAsync("Down for 5 min");
        ctx.Services.GetRequiredService<AlertNotifications>().Publish(_acme.Id);

        // Well inside the 30 s fallback: the push did it.
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=alert-bell]").GetAttribute("data-open-count")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnotherTenantsAlertChangesDoNotRefreshTheBell()
    {
        await using var ctx = CreateContext();
        var bell = ctx.Render<AlertBell>();
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid=alert-bell]").GetAttribute("data-open-count")));
        var renders = bell.RenderCount;

        ctx.Services.GetRequiredService<AlertNotifications>().Publish(Guid.NewGuid());
        await Task.Delay(LiveRefresh.Throttle * 2, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(renders, bell.RenderCount);
    }

    private Bunit.BunitContext CreateContext()
    {
        var ctx = WebTestContext.Create(_database);
        ctx.SignIn(_acme.Member(TenantRole.Viewer), _acme.MembershipAs(TenantRole.Viewer));
        return ctx;
    }
}

using Bunit;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Tests.Kpis;

public sealed class KpiSettingsPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works",
            ("pia@acme.test", "Pia", TenantRole.PlantManager), ("vera@acme.test", "Vera", TenantRole.Viewer));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task APlantManagerAddsARuleAndChangesTheThresholdAndBothAreSaved()
    {
        await using var ctx = CreateContext(TenantRole.PlantManager);
        var page = ctx.Render<KpiSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=save-kpi-settings]")));

        page.Find("[data-testid=add-rule]").Click();
        page.Find("input[data-testid=small-stop-threshold], [data-testid=small-stop-threshold] input").Change("90");
        page.Find("[data-testid=save-kpi-settings]").Click();

        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        KpiSettings? saved = null;
        await page.WaitForAssertionAsync(async () =>
        {
            saved = await db.KpiSettings.AsNoTracking().SingleOrDefaultAsync(Xunit.TestContext.Current.CancellationToken);
            Assert.NotNull(saved);
        });
        Assert.Equal(90, saved!.SmallStopThresholdSeconds);
        Assert.Equal([new LossRule(MachineState.Down, null, LossCategory.Breakdown)], saved.Rules);
        Assert.Single(page.FindAll("[data-testid=loss-rule]"));
    }

    [Fact]
    public async Task TimeBeforeTheFirstDataIsLeftOutByDefaultAndCanBeCountedAsNoData()
    {
        await using var ctx = CreateContext(TenantRole.PlantManager);
        var page = ctx.Render<KpiSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=save-kpi-settings]")));
        Assert.False(page.Find("input[data-testid=include-before-first-data], [data-testid=include-before-first-data] input").HasAttribute("checked"));

        page.Find("input[data-testid=include-before-first-data], [data-testid=include-before-first-data] input").Change(true);
        page.Find("[data-testid=save-kpi-settings]").Click();

        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        await page.WaitForAssertionAsync(async () =>
            Assert.True((await db.KpiSettings.AsNoTracking().SingleOrDefaultAsync(Xunit.TestContext.Current.CancellationToken))?.IncludeTimeBeforeFirstData));
    }

    [Fact]
    public async Task TwoRulesForTheSameStateAndReasonAreRefusedAndNothingIsSaved()
    {
        await using var ctx = CreateContext(TenantRole.PlantManager);
        var page = ctx.Render<KpiSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=add-rule]")));

        page.Find("[data-testid=add-rule]").Click();
        page.Find("[data-testid=add-rule]").Click();
        page.Find("[data-testid=save-kpi-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Two rules for Down", page.Find("[data-testid=kpi-settings-error]").TextContent));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.False(await db.KpiSettings.AnyAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AViewerSeesTheSettingsButCannotChangeThem()
    {
        await using var ctx = CreateContext(TenantRole.Viewer);
        var page = ctx.Render<KpiSettingsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=kpi-settings-form]")));
        Assert.Empty(page.FindAll("[data-testid=save-kpi-settings]"));
        Assert.Empty(page.FindAll("[data-testid=add-rule]"));
    }

    private Bunit.BunitContext CreateContext(TenantRole role)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddKpiDashboards();
        ctx.SignIn(_acme.Member(role), _acme.MembershipAs(role));
        return ctx;
    }
}

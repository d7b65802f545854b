using Bunit;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Value;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Value;

public sealed class ValuePageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private TestDatabase _database = default!;
    private SeededTenant _tenant = default!;
    private Guid _site;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _tenant = await _database.SeedTenantAsync("Acme", ("olivia@acme.test", "Olivia", TenantRole.Owner), ("victor@acme.test", "Victor", TenantRole.Viewer));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_tenant.Id));
        var site = new Site { Key = "north", Name = "Plant North" };
        db.Add(site);
        await db.SaveChangesAsync();
        _site = site.Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AnOwnerSetsCostRatesAndBadValuesAreShownInline()
    {
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = ctx.Render<ValuePage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=cost-rates-{_site}]")), Patience);
        Assert.Contains("No value measured in money yet.", page.Find("[data-testid=value-organisation]").TextContent);

        page.Find("input[data-testid=rate-currency]").Change("euro");
        page.Find("[data-testid=save-rates]").Click();
        page.WaitForAssertion(() => Assert.Contains("three-letter currency code", page.Find($"[data-testid=cost-rates-{_site}]").TextContent), Patience);
        Assert.Null(await RatesAsync());

        page.Find("input[data-testid=rate-currency]").Change("chf");
        page.Find("input[data-testid=rate-downtime]").Change("850.5");
        page.Find("[data-testid=save-rates]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=rates-message]").TextContent.Trim()), Patience);
        var saved = (await RatesAsync())!;
        Assert.Equal(("CHF", 850.5m), (saved.Currency, saved.DowntimePerHour));
    }

    [Fact]
    public async Task AnOwnerGivesALineADowntimeRateOfItsOwnAndABadOneIsShownAtTheLine()
    {
        Guid line;
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_tenant.Id)))
        {
            var area = new Area { SiteId = _site, Key = "assembly", Name = "Assembly" };
            var created = new Line { AreaId = area.Id, Key = "line-1", Name = "Line 1" };
            db.AddRange(area, created);
            await db.SaveChangesAsync();
            line = created.Id;
        }
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = ctx.Render<ValuePage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"input[data-testid=rate-line-{line}]")), Patience);
        Assert.Contains("Downtime per hour: Line 1", page.Find("[data-testid=line-rates]").TextContent);

        page.Find($"input[data-testid=rate-line-{line}]").Change("-3");
        page.Find("[data-testid=save-rates]").Click();
        page.WaitForAssertion(() => Assert.Contains("A rate cannot be negative.", page.Find("[data-testid=line-rates]").TextContent), Patience);
        Assert.Null(await RatesAsync());

        page.Find($"input[data-testid=rate-line-{line}]").Change("2500");
        page.Find("[data-testid=save-rates]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=rates-message]").TextContent.Trim()), Patience);
        Assert.Equal([new Domain.Value.LineDowntimeRate(line, 2500m)], (await RatesAsync())!.LineDowntime);
    }

    [Fact]
    public async Task AViewerSeesTheRatesButCannotSaveThem()
    {
        await using var ctx = ContextFor(TenantRole.Viewer);
        var page = ctx.Render<ValuePage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=cost-rates-{_site}]")), Patience);

        Assert.Empty(page.FindAll("[data-testid=save-rates]"));
        Assert.Contains("Only an Owner changes cost rates.", page.Markup);
    }

    private Bunit.BunitContext ContextFor(TenantRole role)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<KpiService>();
        ctx.Services.AddBacklogs();
        ctx.Services.AddValueInMoney();
        ctx.SignIn(_tenant.Member(role), new ActiveMembership(_tenant.Id, _tenant.Name, _tenant.Slug, role));
        return ctx;
    }

    private async Task<Domain.Value.SiteCostRates?> RatesAsync()
    {
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_tenant.Id));
        return await db.SiteCostRates.AsNoTracking().FirstOrDefaultAsync(r => r.SiteId == _site);
    }
}

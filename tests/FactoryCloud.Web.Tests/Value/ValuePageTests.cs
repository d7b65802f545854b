using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Programs;
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
    public async Task AMeasuredItemIsShownInMoneyAndRolledUpPerProductSiteAndOrganisationOnTheValueAndProgramPages()
    {
        // Plant North: EUR 1,000 per hour of downtime; its press has run for 25 days, so both windows are complete.
        // The item's hypothesis: availability of the press 0.80 before, 0.85 after, measured over 10 days each.
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_tenant.Id)))
        {
            var area = new Area { SiteId = _site, Key = "assembly", Name = "Assembly" };
            var line = new Line { AreaId = area.Id, Key = "line-1", Name = "Line 1" };
            var press = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1", IdealCycleTimeSeconds = 1 };
            db.AddRange(area, line, press);
            db.MachineStateChanges.Add(new MachineStateChange { MachineId = press.Id, At = MachineStateChange.Normalize(hour.AddDays(-25)), State = MachineState.Running });
            db.SiteCostRates.Add(new Domain.Value.SiteCostRates { SiteId = _site, Currency = "EUR", DowntimePerHour = 1000m, ScrapPerUnit = 5m, EnergyPerKwh = 0.2m, UpdatedAt = hour });
            var product = new Product { Name = "Line 1 uptime", CreatedAt = hour };
            var done = new WorkflowColumn { ProductId = product.Id, Name = "Done", Category = ColumnCategory.Done, Position = 1 };
            var item = new WorkItem { ProductId = product.Id, ColumnId = done.Id, Title = "Fix the jam sensor", Rank = "i", Estimate = 8, CreatedAt = hour.AddDays(-30), UpdatedAt = hour };
            db.AddRange(product, done, item, new KpiHypothesis
            {
                WorkItemId = item.Id, ProductId = product.Id, Kpi = HypothesisKpi.Availability, ScopeKind = AssetKind.Machine, ScopeId = press.Id,
                ExpectedChange = 0.05, PeriodDays = 10, BaselineValue = 0.80, BaselineFrom = hour.AddDays(-21), BaselineTo = hour.AddDays(-11),
                DoneAt = hour.AddDays(-11), MeasuredValue = 0.85, MeasuredFrom = hour.AddDays(-11), MeasuredTo = hour.AddDays(-1),
            });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = ContextFor(TenantRole.Viewer, services => services.AddMaturity().AddProgramView());

        var value = ctx.Render<ValuePage>();

        // +5 points × 240 planned hours in 10 days × 3 (a 30-day month) = 36 hours × EUR 1,000.
        value.WaitForAssertion(() => Assert.NotEmpty(value.FindAll("[data-testid=value-items] [data-testid=item-value]")), Patience);
        Assert.Equal("36,000.00 EUR", value.Find("[data-testid=item-value]").TextContent.Trim());
        Assert.Equal("High", value.Find("[data-testid=item-confidence]").TextContent.Trim());
        Assert.Equal(["36,000.00 EUR"], value.FindAll("[data-testid=value-organisation] [data-testid=total-value]").Select(c => c.TextContent.Trim()));
        var site = Assert.Single(value.FindAll("[data-testid=value-sites] tbody tr"));
        Assert.Equal(["Plant North", "36,000.00 EUR", "8", "1", "0"], site.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        var byProduct = Assert.Single(value.FindAll("[data-testid=value-products] tbody tr"));
        Assert.Equal(["Line 1 uptime", "36,000.00 EUR", "8", "1", "0"], byProduct.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));

        // The program view: the value delivered at the site, in money per month.
        var program = ctx.Render<ProgramPage>();
        program.WaitForAssertion(() => Assert.Contains("36,000.00 EUR per month", program.Find($"[data-testid=program-site-{_site}] [data-testid=site-value]").TextContent), Patience);
        Assert.Contains("36,000.00 EUR", program.Find("[data-testid=program-value]").TextContent);
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

    private Bunit.BunitContext ContextFor(TenantRole role, Action<IServiceCollection>? moreServices = null)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<KpiService>();
        ctx.Services.AddBacklogs();
        ctx.Services.AddValueInMoney();
        moreServices?.Invoke(ctx.Services);
        ctx.SignIn(_tenant.Member(role), new ActiveMembership(_tenant.Id, _tenant.Name, _tenant.Slug, role));
        return ctx;
    }

    private async Task<Domain.Value.SiteCostRates?> RatesAsync()
    {
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_tenant.Id));
        return await db.SiteCostRates.AsNoTracking().FirstOrDefaultAsync(r => r.SiteId == _site);
    }
}

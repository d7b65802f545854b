using Bunit;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Lifecycle;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Tests.Lifecycle;

public sealed class PlanSettingsPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works",
            ("olivia@acme.test", "Olivia", TenantRole.Owner), ("vera@acme.test", "Vera", TenantRole.Viewer));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        db.Sites.Add(new Site { Key = "plant-1", Name = "Plant 1", TimeZone = "UTC" });
        db.TenantPlans.Add(new TenantPlan { Plan = "Free" });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task UsageShowsEachQuotaWithItsLimitAndTheSitesQuotaAtItsLimit()
    {
        await using var ctx = CreateContext(TenantRole.Viewer);
        var page = ctx.Render<PlanSettingsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=quota-usage]")));
        Assert.Contains("Usage of the Free plan", page.Markup);
        var sites = page.Find("[data-testid=quota-sites]").TextContent;
        Assert.Contains("at limit", sites);
        Assert.Matches(@"sites\s*1\s*1", sites.Replace("at limit", "", StringComparison.Ordinal).Trim());
        Assert.Equal(Enum.GetValues<Quota>().Length, page.FindAll("[data-testid^=quota-]").Count - 1); // the table itself is quota-usage
    }

    [Fact]
    public async Task AnOwnerChangesTheRetentionAndItIsSaved()
    {
        await using var ctx = CreateContext(TenantRole.Owner);
        var page = ctx.Render<PlanSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=save-retention]")));

        page.Find("input[data-testid=raw-event-days], [data-testid=raw-event-days] input").Change("30");
        page.Find("[data-testid=save-retention]").Click();

        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        await page.WaitForAssertionAsync(async () =>
            Assert.Equal(30, (await db.TenantPlans.AsNoTracking().SingleAsync(Ct)).RawEventRetentionDays));
    }

    [Fact]
    public async Task ARetentionUnderEightDaysIsRefusedInlineAndNothingIsSaved()
    {
        await using var ctx = CreateContext(TenantRole.Owner);
        var page = ctx.Render<PlanSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=save-retention]")));

        page.Find("input[data-testid=minute-bucket-days], [data-testid=minute-bucket-days] input").Change("3");
        page.Find("[data-testid=save-retention]").Click();

        page.WaitForAssertion(() => Assert.Contains("Must be between 8 and 11000 days.", page.Markup));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Equal(DataRetention.DefaultMinuteBucketDays, (await db.TenantPlans.AsNoTracking().SingleAsync(Ct)).MinuteBucketRetentionDays);
    }

    [Fact]
    public async Task AViewerSeesTheRetentionButCannotChangeIt()
    {
        await using var ctx = CreateContext(TenantRole.Viewer);
        var page = ctx.Render<PlanSettingsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=retention-form]")));
        Assert.Empty(page.FindAll("[data-testid=save-retention]"));
        Assert.Contains("Only Owners change how long data is kept.", page.Markup);
    }

    private BunitContext CreateContext(TenantRole role)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.SignIn(_acme.Member(role), _acme.MembershipAs(role));
        return ctx;
    }
}

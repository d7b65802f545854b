using Bunit;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Plants;

/// <summary>The onboarding wizard against a real SQLite database, with the plants page's dialogs.</summary>
public sealed class OnboardingWizardTests : IAsyncLifetime
{
    /// <summary>Rendering goes through a real database; on a busy machine that takes longer than bUnit's default second.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("pia@acme.test", "Pia", TenantRole.PlantManager), ("vic@acme.test", "Vic", TenantRole.Viewer));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task WithoutASiteTheWizardWaitsThenANewSiteIsCreatedInTheDialogAndChosen()
    {
        await using var ctx = CreateContext(TenantRole.PlantManager);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var wizard = ctx.Render<OnboardingWizard>();
        wizard.WaitForAssertion(() => Assert.True(wizard.Find("[data-testid=wizard-next]").HasAttribute("disabled")), Patience);

        var adding = wizard.Find("[data-testid=wizard-add-site]").ClickAsync(new()); // completes when the dialog closes
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);
        dialogs.FindAll("#asset-form input")[0].Change("Plant Lyon");
        dialogs.FindAll("#asset-form input")[1].Change("lyon");
        await dialogs.Find("form#asset-form").SubmitAsync();
        await adding;

        wizard.WaitForAssertion(() => Assert.False(wizard.Find("[data-testid=wizard-next]").HasAttribute("disabled")), Patience);
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Equal("lyon", Assert.Single(db.Sites).Key);
    }

    [Fact]
    public async Task TheStepsLeadFromTheSiteToItsMachinesWaitingForTheirFirstMessage()
    {
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            var site = new Site { Key = "lyon", Name = "Plant Lyon" };
            var area = new Area { SiteId = site.Id, Key = "assembly", Name = "Assembly" };
            var line = new Line { AreaId = area.Id, Key = "line-1", Name = "Line 1" };
            db.AddRange(site, area, line, new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1" });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = CreateContext(TenantRole.PlantManager);
        MembersScenario.RenderProviders(ctx);
        var wizard = ctx.Render<OnboardingWizard>();

        // The only site is chosen; each step allows the next once it has what the next one needs.
        wizard.WaitForAssertion(() => Assert.False(wizard.Find("[data-testid=wizard-next]").HasAttribute("disabled")), Patience);
        await wizard.Find("[data-testid=wizard-next]").ClickAsync(new());
        wizard.WaitForAssertion(() => Assert.Contains("Line 1", wizard.Find("[data-testid=wizard-line]").TextContent), Patience);
        await wizard.Find("[data-testid=wizard-next]").ClickAsync(new());
        wizard.WaitForAssertion(() => Assert.Contains("Press 1", wizard.Find("[data-testid=wizard-machines]").TextContent), Patience);
        await wizard.Find("[data-testid=wizard-next]").ClickAsync(new());
        wizard.WaitForAssertion(() => Assert.NotEmpty(wizard.FindAll("[data-testid=wizard-issue-machine]")), Patience);
        await wizard.Find("[data-testid=wizard-next]").ClickAsync(new());

        wizard.WaitForAssertion(() => Assert.Contains("Waiting for first message", wizard.Find("[data-testid=wizard-status]").TextContent), Patience);
        Assert.Empty(wizard.FindAll("[data-testid=wizard-next]"));
        Assert.NotNull(wizard.Find("[data-testid=wizard-finish]"));
        // The ingestion health link leads to a page that exists (it led to /ingestion, a 404).
        var health = wizard.Find("[data-testid=wizard-ingestion-health]").GetAttribute("href") ?? "";
        Assert.Equal("/plants/ingestion", health);
        Assert.Contains(health, AppRoutes.Templates);
    }

    [Fact]
    public async Task AViewerIsToldThatOnlyPlantManagersOnboard()
    {
        await using var ctx = CreateContext(TenantRole.Viewer);
        var wizard = ctx.Render<OnboardingWizard>();
        Assert.Contains("Only owners, admins and plant managers", wizard.Markup);
        Assert.Empty(wizard.FindAll("[data-testid=onboarding]"));
    }

    private BunitContext CreateContext(TenantRole role)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<AssetService>();
        ctx.Services.AddScoped<DeviceService>();
        ctx.Services.AddScoped<PlantDialogs>();
        ctx.Services.AddOptions<MqttConnectionOptions>();
        ctx.SignIn(_acme.Member(role), _acme.MembershipAs(role));
        return ctx;
    }
}

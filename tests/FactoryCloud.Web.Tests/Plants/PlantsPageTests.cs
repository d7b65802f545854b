using Bunit;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Plants;

/// <summary>The plants page against a real SQLite database: device credentials, and editing and deleting assets where they are shown.</summary>
public sealed class PlantsPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;
    private Machine _press = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("pia@acme.test", "Pia", TenantRole.PlantManager));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        var site = new Site { Key = "lyon", Name = "Plant Lyon" };
        var area = new Area { SiteId = site.Id, Key = "assembly", Name = "Assembly" };
        var line = new Line { AreaId = area.Id, Key = "line-1", Name = "Line 1" };
        var emptyLine = new Line { AreaId = area.Id, Key = "line-2", Name = "Line 2" };
        _press = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1" };
        db.AddRange(site, area, line, emptyLine, _press);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task IssuedCredentialsAreListedAndCanBeRotatedAndRevoked()
    {
        await using var ctx = CreateContext();
        var issued = await ctx.Services.GetRequiredService<DeviceService>().IssueAsync(DeviceScopeKind.Machine, _press.Id, Xunit.TestContext.Current.CancellationToken);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<PlantsPage>();

        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-testid=device-row]");
            Assert.Contains("Press 1 · Line 1 · Plant Lyon", row.TextContent, StringComparison.Ordinal);
            Assert.Contains(issued.Value!.Username, row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Active", page.Find("[data-testid=device-status]").TextContent, StringComparison.Ordinal);
        }, Patience);

        var rotating = page.Find("[data-testid=device-rotate]").ClickAsync(new());
        await ConfirmAsync(dialogs, "Rotate");
        dialogs.WaitForAssertion(() => Assert.NotEqual(issued.Value!.Password, dialogs.Find("[data-testid=cred-password]").TextContent), Patience);
        var newPassword = dialogs.Find("[data-testid=cred-password]").TextContent;
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Done").ClickAsync(new());
        await rotating;
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            var device = await db.Devices.SingleAsync(Xunit.TestContext.Current.CancellationToken);
            Assert.NotNull(device.RotatedAt);
            Assert.True(DevicePassword.Verify(newPassword, device.PasswordHash));
        }

        var revoking = page.Find("[data-testid=device-revoke]").ClickAsync(new());
        await ConfirmAsync(dialogs, "Revoke");
        await revoking;
        page.WaitForAssertion(() => Assert.Contains("Revoked", page.Find("[data-testid=device-status]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=device-rotate]"));
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
            Assert.NotNull((await db.Devices.SingleAsync(Xunit.TestContext.Current.CancellationToken)).RevokedAt);
    }

    [Fact]
    public async Task ASiteOverThePlansQuotaIsRefusedInTheDialogWithItsReason()
    {
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            db.TenantPlans.Add(new FactoryCloud.Domain.Lifecycle.TenantPlan { Plan = "Free" }); // one site, which Lyon is
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<PlantsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=add-site]"), Patience);

        var adding = page.Find("[data-testid=add-site]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);
        dialogs.FindAll("#asset-form input")[0].Change("Plant Porto");
        await dialogs.Find("form#asset-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Quota exceeded: the Free plan allows 1 sites", dialogs.Find("[data-testid=asset-error]").TextContent), Patience);
        await using var check = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Equal(1, await check.Sites.CountAsync(Xunit.TestContext.Current.CancellationToken));
        _ = adding;
    }

    [Fact]
    public async Task AnAreaIsRenamedInPlace()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<PlantsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Edit area Assembly']"), Patience);

        var editing = page.Find("button[aria-label='Edit area Assembly']").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);
        dialogs.FindAll("#asset-form input")[0].Change("Final assembly");
        await dialogs.Find("form#asset-form").SubmitAsync();
        await editing;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Edit area Final assembly']")), Patience);
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        var area = await db.Areas.SingleAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(("Final assembly", "assembly"), (area.Name, area.Key));
    }

    [Fact]
    public async Task ALineWithMachinesIsNotDeletedAndSaysWhyAnEmptyLineIsDeleted()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        var page = ctx.Render<PlantsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Delete line Line 1']"), Patience);

        var refused = page.Find("button[aria-label='Delete line Line 1']").ClickAsync(new());
        await ConfirmAsync(dialogs, "Delete");
        await refused;
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "'Line 1' was not deleted: This line still has machines. Delete them first.");

        var deleting = page.Find("button[aria-label='Delete line Line 2']").ClickAsync(new());
        await ConfirmAsync(dialogs, "Delete");
        await deleting;

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button[aria-label='Delete line Line 2']")), Patience);
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Equal(["line-1"], await db.Lines.Select(l => l.Key).ToListAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AMachineIsEditedAndDeleted()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<PlantsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Edit machine Press 1']"), Patience);

        var editing = page.Find("button[aria-label='Edit machine Press 1']").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);
        Assert.Equal("press-1", dialogs.FindAll("#asset-form input")[1].GetAttribute("value"));
        dialogs.FindAll("#asset-form input")[0].Change("Press 1 (500 t)");
        await dialogs.Find("form#asset-form").SubmitAsync();
        await editing;
        page.WaitForAssertion(() => page.Find("button[aria-label='Delete machine Press 1 (500 t)']"), Patience);

        var deleting = page.Find("button[aria-label='Delete machine Press 1 (500 t)']").ClickAsync(new());
        await ConfirmAsync(dialogs, "Delete");
        await deleting;

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=machine-row]")), Patience);
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Empty(db.Machines);
    }

    private static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs, string yes)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".mud-dialog button"), b => b.TextContent.Trim() == yes), Patience);
        await dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == yes).ClickAsync(new());
    }

    [Fact]
    public async Task APlantManagerMakesThePlantsPageTheirStartPageInOneClick()
    {
        await using var ctx = CreateContext();
        var page = ctx.Render<PlantsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=make-start-page]")), Patience);

        await page.Find("[data-testid=make-start-page]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=is-start-page]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=make-start-page]"));
        Assert.Equal(StartPage.Plants, await ctx.Services.GetRequiredService<StartPageService>().MineAsync(Xunit.TestContext.Current.CancellationToken));
    }

    private BunitContext CreateContext()
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<AssetService>();
        ctx.Services.AddScoped<DeviceService>();
        ctx.Services.AddScoped<PlantDialogs>();
        ctx.Services.AddOptions<MqttConnectionOptions>();
        ctx.SignIn(_acme.Member(TenantRole.PlantManager), _acme.MembershipAs(TenantRole.PlantManager));
        return ctx;
    }
}

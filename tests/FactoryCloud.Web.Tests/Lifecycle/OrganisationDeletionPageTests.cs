using AngleSharp.Dom;
using Bunit;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Lifecycle;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Lifecycle;

/// <summary>The danger zone of the plan page (type the name to delete) and the hold page's restore.</summary>
public sealed class OrganisationDeletionPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works",
            ("olivia@acme.test", "Olivia", TenantRole.Owner), ("vera@acme.test", "Vera", TenantRole.Viewer));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AnOwnerDeletesOnlyOnceTheTypedNameMatchesExactly()
    {
        await using var ctx = CreateContext(TenantRole.Owner);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<PlanSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=danger-zone]")));

        _ = page.Find("button[data-testid=delete-organisation]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));
        Assert.Contains("Acme Works", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        Assert.True(ConfirmButton(dialogs).HasAttribute("disabled"));

        await Input(dialogs).InputAsync(new ChangeEventArgs { Value = "acme works" });
        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("That is not the organisation's name", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
            Assert.True(ConfirmButton(dialogs).HasAttribute("disabled"));
        });
        await using (var db = _database.Contexts.Create(DataScope.None))
            Assert.Null((await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == _acme.Id, Ct)).DeletedAt);

        await Input(dialogs).InputAsync(new ChangeEventArgs { Value = "Acme Works" });
        dialogs.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("That is not the organisation's name", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
            Assert.False(ConfirmButton(dialogs).HasAttribute("disabled"));
        });
        await ConfirmButton(dialogs).ClickAsync(new());

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        dialogs.WaitForAssertion(() => Assert.EndsWith("/organisation/deleted", navigation.Uri, StringComparison.Ordinal));
        await using (var db = _database.Contexts.Create(DataScope.None))
        {
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == _acme.Id, Ct);
            Assert.NotNull(tenant.DeletedAt);
            Assert.Equal(tenant.DeletedAt!.Value.AddDays(30), tenant.PurgeAfter);
        }
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
            Assert.Equal(AuditAction.OrganisationDeleted, (await db.AuditEntries.AsNoTracking().SingleAsync(Ct)).Action);
    }

    [Fact]
    public async Task OnlyOwnersSeeTheDangerZone()
    {
        await using var ctx = CreateContext(TenantRole.Viewer);
        var page = ctx.Render<PlanSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=retention-form]")));
        Assert.Empty(page.FindAll("[data-testid=danger-zone]"));
    }

    [Fact]
    public async Task TheHoldPageNamesTheDateAndLetsAnOwnerRestore()
    {
        var purgeAfter = await ScheduleDeletionAsync();
        await using var ctx = CreateContext(TenantRole.Owner, purgeAfter);
        var page = ctx.Render<OrganisationDeletedPage>();

        page.WaitForAssertion(() => Assert.Contains("scheduled for deletion on " + FactoryCloud.Web.Common.DisplayFormat.DateTime(purgeAfter, TimeZoneInfo.Utc),
            page.Find("[data-testid=deletion-date]").TextContent, StringComparison.Ordinal));
        await page.Find("button[data-testid=restore-organisation]").ClickAsync(new());

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Equal(navigation.BaseUri, navigation.Uri));
        await using var db = _database.Contexts.Create(DataScope.None);
        Assert.Null((await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == _acme.Id, Ct)).DeletedAt);
    }

    [Fact]
    public async Task AViewerOnTheHoldPageIsToldToAskAnOwner()
    {
        var purgeAfter = await ScheduleDeletionAsync();
        await using var ctx = CreateContext(TenantRole.Viewer, purgeAfter);
        var page = ctx.Render<OrganisationDeletedPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=ask-an-owner]")));
        Assert.Empty(page.FindAll("[data-testid=restore-organisation]"));
    }

    private async Task<DateTimeOffset> ScheduleDeletionAsync()
    {
        await using var db = _database.Contexts.Create(DataScope.None);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == _acme.Id, Ct);
        TenantDeletion.MarkDeleted(tenant, _acme.Member(TenantRole.Owner).UserId, DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        await db.SaveChangesAsync(Ct);
        return tenant.PurgeAfter!.Value;
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.Find("input[data-testid=confirm-organisation-name], [data-testid=confirm-organisation-name] input");

    private static IElement ConfirmButton(IRenderedComponent<MudDialogProvider> dialogs) => dialogs.Find("button[data-testid=confirm-delete-organisation]");

    private BunitContext CreateContext(TenantRole role, DateTimeOffset? purgeAfter = null)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.SignIn(_acme.Member(role), _acme.MembershipAs(role) with { DeletionPurgeAfter = purgeAfter });
        return ctx;
    }
}

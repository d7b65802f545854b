using Bunit;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Entra;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Entra;

public sealed class EntraSettingsPageTests : IAsyncLifetime
{
    private static readonly Guid EntraTenant = Guid.Parse("94bc015c-fd6d-47c6-ac01-671a2fb53a3f");
    private readonly MembersScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task WithoutAnAppRegistrationThePageSaysEntraIsNotConfigured()
    {
        await using var ctx = ContextFor(TenantRole.Owner, clientId: null);

        var page = MembersScenario.RenderWithProviders<EntraSettingsPage>(ctx);

        Assert.Contains("is not configured on this installation", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=entra-link]"));
    }

    [Fact]
    public async Task AnOwnerOfAnUnlinkedOrganisationGetsTheLinkButtonAnAdminIsToldWhoCan()
    {
        await using (var owner = ContextFor(TenantRole.Owner))
        {
            var page = MembersScenario.RenderWithProviders<EntraSettingsPage>(owner);
            page.WaitForElement("[data-testid=entra-link]");
            Assert.Equal("account/entra/link", page.Find("form").GetAttribute("action"));
        }
        await using var admin = ContextFor(TenantRole.Admin);
        var adminPage = MembersScenario.RenderWithProviders<EntraSettingsPage>(admin);
        adminPage.WaitForAssertion(() => Assert.Contains("Only an Owner can link the organisation.", adminPage.Markup, StringComparison.Ordinal));
        Assert.Empty(adminPage.FindAll("[data-testid=entra-link]"));
    }

    [Fact]
    public async Task ALinkedOrganisationShowsItsEntraTenantAndAnInvalidGroupIdIsRefusedInline()
    {
        await LinkAsync();
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = MembersScenario.RenderWithProviders<EntraSettingsPage>(ctx);
        page.WaitForAssertion(() => Assert.Contains(EntraTenant.ToString(), page.Find("[data-testid=entra-linked]").TextContent, StringComparison.Ordinal));

        await page.Find("input").ChangeAsync(new() { Value = "not-a-guid" });
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click());

        page.WaitForAssertion(() => Assert.Contains("Enter the group's object id", page.Markup, StringComparison.Ordinal));
        Assert.Null((await StoredLinkAsync()).MemberGroupId);
    }

    [Fact]
    public async Task AnOwnerSavesTheGroupAndItsRole()
    {
        await LinkAsync();
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = MembersScenario.RenderWithProviders<EntraSettingsPage>(ctx);
        page.WaitForElement("[data-testid=entra-linked]");
        var group = Guid.NewGuid();

        await page.Find("input").ChangeAsync(new() { Value = group.ToString() });
        var role = page.FindComponent<MudSelect<TenantRole>>();
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(TenantRole.PlantManager));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click());

        await WaitUntilAsync(async () => (await StoredLinkAsync()).MemberGroupId == group);
        Assert.Equal(TenantRole.PlantManager, (await StoredLinkAsync()).GroupRole);
        var changed = Assert.Single(await AuditAsync(AuditAction.EntraLinkChanged));
        Assert.Equal(($"Group {group} gets in as PlantManager", "olivia@acme.test"), (changed.Details, changed.ActorName));
    }

    [Fact]
    public async Task UnlinkingRemovesTheLinkAndRecordsIt()
    {
        await LinkAsync();
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = MembersScenario.RenderWithProviders<EntraSettingsPage>(ctx);
        page.WaitForElement("[data-testid=entra-linked]");

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Unlink").Click());

        await WaitUntilAsync(async () => (await AuditAsync(AuditAction.EntraLinkRemoved)).Count == 1);
        await using var db = _scenario.Database.Contexts.Create(DataScope.None);
        Assert.False(await db.EntraTenantLinks.AnyAsync(l => l.TenantId == _scenario.Acme.Id, Xunit.TestContext.Current.CancellationToken));
        Assert.Equal($"Entra tenant {EntraTenant}", (await AuditAsync(AuditAction.EntraLinkRemoved))[0].Details);
    }

    private BunitContext ContextFor(TenantRole role, string? clientId = "fc-app")
    {
        var ctx = WebTestContext.Create(_scenario.Database);
        ctx.Services.Configure<EntraOptions>(o => o.ClientId = clientId);
        ctx.Services.AddIdentityCore<AppUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<AppDbContext>();
        ctx.Services.AddScoped<EntraLinkService>();
        ctx.SignIn(_scenario.Acme.Member(role), _scenario.Acme.MembershipAs(role));
        return ctx;
    }

    private async Task LinkAsync()
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.None);
        db.EntraTenantLinks.Add(new EntraTenantLink { TenantId = _scenario.Acme.Id, EntraTenantId = EntraTenant, LinkedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private async Task<List<AuditEntry>> AuditAsync(AuditAction action)
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id));
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private async Task<EntraTenantLink> StoredLinkAsync()
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.None);
        return await db.EntraTenantLinks.AsNoTracking().SingleAsync(l => l.TenantId == _scenario.Acme.Id, Xunit.TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The change was not saved within 10 s.");
            await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        }
    }
}

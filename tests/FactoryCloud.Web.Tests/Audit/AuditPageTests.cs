using Bunit;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Components;
using FactoryCloud.Web.Features.Audit;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Shell;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Audit;

public sealed class AuditPageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly MembersScenario _scenario = new();

    public async ValueTask InitializeAsync()
    {
        await _scenario.InitializeAsync();
        await SeedAsync(_scenario.Acme.Id,
            (AuditAction.MemberInvited, "olivia@acme.test", "Invitation for new@acme.test"),
            (AuditAction.MemberRemoved, "adam@acme.test", "Member tessa@acme.test"),
            (AuditAction.ExportDownloaded, "olivia@acme.test", "Backlog CSV"));
        await SeedAsync(_scenario.Globex.Id, (AuditAction.MemberRemoved, "gary@globex.test", "Member secret@globex.test"));
    }

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnOwnerSeesTheOrganisationsEntriesNewestFirstAndNoOtherOrganisations()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);

        var page = MembersScenario.RenderWithProviders<AuditPage>(ctx);

        page.WaitForAssertion(() => Assert.Equal(["Backlog CSV", "Member tessa@acme.test", "Invitation for new@acme.test"], Targets(page)));
        Assert.Equal("2026-11-30 09:02:00", page.FindAll("[data-testid=audit-when]")[0].TextContent.Trim());
        Assert.Equal("Export downloaded", page.FindAll("[data-testid=audit-action-cell]")[0].TextContent.Trim());
        Assert.DoesNotContain("globex", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChoosingAnActionAndAnActorNarrowsTheRowsAndTheExportLinkCarriesTheFilter()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = MembersScenario.RenderWithProviders<AuditPage>(ctx);
        page.WaitForAssertion(() => Assert.Equal(3, Targets(page).Count));

        var action = page.FindComponent<MudSelect<AuditAction?>>();
        await page.InvokeAsync(() => action.Instance.ValueChanged.InvokeAsync(AuditAction.MemberRemoved));

        page.WaitForAssertion(() => Assert.Equal(["Member tessa@acme.test"], Targets(page)));
        Assert.Equal("/api/v1/audit.csv?action=MemberRemoved", page.FindComponent<MudButton>().Instance.Href);

        await page.InvokeAsync(() => action.Instance.ValueChanged.InvokeAsync(null));
        var actor = page.FindComponents<MudTextField<string>>()[0];
        await page.InvokeAsync(() => actor.Instance.ValueChanged.InvokeAsync("OLIVIA"));

        page.WaitForAssertion(() => Assert.Equal(["Backlog CSV", "Invitation for new@acme.test"], Targets(page)));
        Assert.Equal("/api/v1/audit.csv?actor=OLIVIA", page.FindComponent<MudButton>().Instance.Href);
    }

    [Fact]
    public async Task ANonOwnerWhoReachesThePageIsRefusedAndSeesNoEntry()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Admin);

        var page = MembersScenario.RenderWithProviders<AuditPage>(ctx);

        page.WaitForAssertion(() => Assert.Contains("Only Owners can read the audit trail.", page.Find("[data-testid=audit-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Targets(page));
    }

    /// <summary>
    /// In a circuit there is no request: the address comes from the page request that opened the circuit, handed to
    /// <see cref="Routes"/>, and a change made on a page then records it.
    /// </summary>
    [Fact]
    public async Task AChangeMadeInACircuitRecordsTheAddressTheCircuitWasOpenedFrom()
    {
        await using var ctx = WebTestContext.Create(_scenario.Database);
        ctx.Services.AddKpiDashboards();
        ctx.Services.AddScoped<HomeService>(); // Routes renders the home page
        ctx.SignIn(_scenario.Acme.Member(TenantRole.Owner), _scenario.Acme.MembershipAs(TenantRole.Owner));
        ctx.Render<Routes>(p => p.Add(r => r.RemoteAddress, "::ffff:198.51.100.4"));

        var page = ctx.Render<KpiSettingsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=save-kpi-settings]")));
        page.Find("[data-testid=save-kpi-settings]").Click();

        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id));
        AuditEntry? entry = null;
        await page.WaitForAssertionAsync(async () =>
        {
            entry = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Action == AuditAction.KpiSettingsChanged, Xunit.TestContext.Current.CancellationToken);
            Assert.NotNull(entry);
        });
        Assert.Equal(("198.51.100.4", "olivia@acme.test", _scenario.Acme.Member(TenantRole.Owner).UserId), (entry!.IpAddress, entry.ActorName, entry.ActorUserId!.Value));
    }

    private static List<string> Targets(IRenderedComponent<AuditPage> page) =>
        page.FindAll("[data-testid=audit-target]").Select(c => c.TextContent.Trim()).ToList();

    private async Task SeedAsync(Guid tenantId, params (AuditAction Action, string Actor, string Target)[] entries)
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(tenantId));
        for (var i = 0; i < entries.Length; i++)
            db.AuditEntries.Add(new AuditEntry { OccurredAt = Start.AddMinutes(i), Action = entries[i].Action, ActorName = entries[i].Actor, Target = entries[i].Target });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }
}

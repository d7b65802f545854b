using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Dashboards;

/// <summary>
/// "Acme Works" (an Owner and a Viewer) with a 24/7 UTC plant whose saw has been down (jam) since yesterday, and
/// a second organisation; bUnit contexts with the dashboard and backlog services, against a real SQLite database.
/// </summary>
public sealed class DowntimeScenario : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;
    public SeededTenant Acme { get; private set; } = default!;
    public SeededTenant Other { get; private set; } = default!;
    public Guid Line { get; private set; }
    public Guid Saw { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Acme = await Database.SeedTenantAsync("Acme Works", ("olivia@acme.test", "Olivia", TenantRole.Owner), ("vera@acme.test", "Vera", TenantRole.Viewer));
        Other = await Database.SeedTenantAsync("Other Works", ("otto@other.test", "Otto", TenantRole.Owner));
        await using var db = Database.Contexts.Create(DataScope.ForTenant(Acme.Id));
        var site = new Site { Key = "p", Name = "Plant 1", TimeZone = "UTC" };
        var area = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
        var line = new Line { AreaId = area.Id, Key = "l", Name = "Line 1" };
        var saw = new Machine { LineId = line.Id, Key = "saw-1", Name = "Saw 1", IdealCycleTimeSeconds = 1 };
        db.AddRange(site, area, line, saw);
        db.MachineStateChanges.Add(new MachineStateChange
        {
            MachineId = saw.Id, At = MachineStateChange.Normalize(DateTimeOffset.UtcNow.AddDays(-1)), State = MachineState.Down, Reason = "jam",
        });
        await db.SaveChangesAsync();
        (Line, Saw) = (line.Id, saw.Id);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    public BunitContext ContextFor(SeededTenant tenant, TenantRole role)
    {
        var ctx = WebTestContext.Create(Database);
        ctx.Services.AddKpiDashboards();
        ctx.Services.AddBacklogs();
        ctx.SignIn(tenant.Member(role), tenant.MembershipAs(role));
        return ctx;
    }

    public static async Task<Guid> CreateProductAsync(BunitContext ctx, string name, Guid? teamId = null)
    {
        var created = await ctx.Services.GetRequiredService<ProductService>().CreateAsync(new ProductRequest { Name = name, TeamId = teamId });
        return created.Value?.Id ?? throw new InvalidOperationException(created.Failure!.Message);
    }

    public static async Task<Guid> CreateTeamServingAsync(BunitContext ctx, string name, ServedAsset asset)
    {
        var created = await ctx.Services.GetRequiredService<TeamService>().CreateAsync(new TeamRequest { Name = name, Serves = [asset] });
        return created.Value?.Id ?? throw new InvalidOperationException(created.Failure!.Message);
    }

    /// <summary>The work items of <paramref name="tenant"/> with their links, as stored.</summary>
    public async Task<List<(WorkItem Item, List<WorkItemLink> Links)>> WorkOfAsync(SeededTenant tenant)
    {
        await using var db = Database.Contexts.Create(DataScope.ForTenant(tenant.Id));
        var items = await db.WorkItems.AsNoTracking().ToListAsync();
        var links = await db.WorkItemLinks.AsNoTracking().ToListAsync();
        return items.Select(i => (i, links.Where(l => l.WorkItemId == i.Id).ToList())).ToList();
    }
}

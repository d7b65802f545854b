using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Ingestion;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// Memory per open plant overview, measured the way a Blazor Server circuit holds it: per "circuit" its own renderer
/// with the rendered component tree, its own scoped services (tenant, DbContext factory, KPI services, MudBlazor's)
/// and a live subscription; the app's singletons (database options, notifications, clock) shared as in the app. Each
/// circuit is a bUnit renderer rather than a SignalR connection, so SignalR's per-connection buffers (a few KB each)
/// are not included. Managed heap after a full collection, before and after, divided by the number of circuits,
/// while the store announces new data for the tenant every 200 ms (each page refreshes at most once a second).
/// </summary>
internal static class CircuitMemory
{
    public sealed record Result(int Circuits, double BytesPerCircuit, int Tiles, long Refreshes);

    public static async Task<Result> MeasureAsync(IServiceProvider app, Guid tenantId, Guid userId, int circuits, TimeSpan liveFor)
    {
        var notifications = app.GetRequiredService<TelemetryNotifications>();
        var before = Settle();
        var contexts = new List<BunitContext>();
        var pages = new List<IRenderedComponent<DashboardsPage>>();
        for (var i = 0; i < circuits; i++)
        {
            var ctx = new BunitContext();
            ctx.JSInterop.Mode = JSRuntimeMode.Loose;
            ctx.Services.AddMudServices();
            ctx.Services.AddScoped<CurrentTenant>();
            ctx.Services.AddScoped<IDbContextFactory<AppDbContext>, CurrentScopeDbContextFactory>();
            ctx.Services.AddKpiDashboards();
            ctx.Services.AddSingleton(app.GetRequiredService<AppDbContextFactory>());
            ctx.Services.AddSingleton(app.GetRequiredService<TimeProvider>());
            ctx.Services.AddSingleton(notifications);
            ctx.AddAuthorization().SetAuthorized("bench");
            ctx.Services.GetRequiredService<CurrentTenant>().Set(userId, new ActiveMembership(tenantId, "Benchmark", "bench", TenantRole.Viewer));
            var page = ctx.Render<DashboardsPage>();
            page.WaitForAssertion(() => _ = page.Find("[data-testid=machine-tile]"), TimeSpan.FromSeconds(60));
            contexts.Add(ctx);
            pages.Add(page);
        }

        var rendersBefore = pages.Sum(p => (long)p.RenderCount);
        using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(200)))
        {
            var until = DateTime.UtcNow + liveFor;
            while (DateTime.UtcNow < until && await ticker.WaitForNextTickAsync()) notifications.Publish(tenantId);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var refreshes = pages.Sum(p => (long)p.RenderCount) - rendersBefore;
        var tiles = pages[0].FindAll("[data-testid=machine-tile]").Count;
        var after = Settle();
        var result = new Result(circuits, (after - before) / (double)circuits, tiles, refreshes);
        GC.KeepAlive(pages);
        foreach (var ctx in contexts) await ctx.DisposeAsync();
        return result;
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

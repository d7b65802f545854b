// Disposes the circuit-like renderers on their dispatcher (see CircuitLikeRenderer).
#pragma warning disable BL0006
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Dashboards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// Memory per open plant overview, held the way a Blazor Server circuit holds it: per circuit a DI scope of the real
/// app (its scoped services: tenant, DbContext factory, KPI services, MudBlazor's) and a Renderer keeping the
/// rendered component tree, subscribed to live updates. What is not included: the SignalR connection and the
/// circuit's JS interop buffers (JS calls go to a no-op runtime). Managed heap after a full collection, before and
/// after, divided by the number of circuits, while the store announces new data every 200 ms for 10 s.
/// </summary>
internal static class CircuitMemory
{
    public sealed record Result(int Circuits, double BytesPerCircuit, long RenderBatches, long Errors);

    public static async Task<Result> MeasureAsync(IServiceProvider app, Guid tenantId, Guid userId, int circuits, TimeSpan liveFor)
    {
        var notifications = app.GetRequiredService<TelemetryNotifications>();
        var logs = app.GetRequiredService<ILoggerFactory>();
        var before = Settle();
        var open = new List<(AsyncServiceScope Scope, CircuitLikeRenderer Renderer)>();
        for (var i = 0; i < circuits; i++)
        {
            var scope = app.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(userId, new ActiveMembership(tenantId, "Benchmark", "bench", TenantRole.Viewer));
            var renderer = new CircuitLikeRenderer(scope.ServiceProvider, logs);
            await renderer.RenderAsync<DashboardsPage>();
            open.Add((scope, renderer));
        }

        var batchesBefore = open.Sum(o => o.Renderer.Batches);
        using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(200)))
        {
            var until = DateTime.UtcNow + liveFor;
            while (DateTime.UtcNow < until && await ticker.WaitForNextTickAsync()) notifications.Relay(tenantId);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = Settle();
        var result = new Result(circuits, (after - before) / (double)circuits, open.Sum(o => o.Renderer.Batches) - batchesBefore, open.Sum(o => o.Renderer.Errors));
        foreach (var (scope, renderer) in open)
        {
            await renderer.Dispatcher.InvokeAsync(renderer.Dispose);
            await scope.DisposeAsync();
        }
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

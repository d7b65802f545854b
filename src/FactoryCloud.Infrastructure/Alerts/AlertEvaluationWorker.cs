using FactoryCloud.Infrastructure.Telemetry.Store;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Alerts;

/// <summary>
/// Runs alert evaluation beside the telemetry store: after each commit for the machines it touched (collected while
/// an evaluation runs, so a burst of commits costs one evaluation per tenant), and every
/// <see cref="AlertEvaluationOptions.SweepInterval"/> for every tenant's machines. The store's thread only records
/// the machines; it never waits for an evaluation.
/// </summary>
public sealed class AlertEvaluationWorker(
    TelemetryNotifications telemetry, AlertEvaluator evaluator, AppDbContextFactory contexts,
    IOptions<AlertEvaluationOptions> options, TimeProvider clock, ILogger<AlertEvaluationWorker> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private Dictionary<Guid, HashSet<Guid>> _pending = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.Committed += OnCommitted;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        telemetry.Committed -= OnCommitted;
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    private void OnCommitted(Guid tenantId, IReadOnlyCollection<Guid> machineIds)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(tenantId, out var machines)) _pending[tenantId] = machines = [];
            machines.UnionWith(machineIds);
        }
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = clock.GetUtcNow() + options.Value.SweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() >= nextSweep)
            {
                await SweepAsync(stoppingToken);
                nextSweep = clock.GetUtcNow() + options.Value.SweepInterval;
            }
            var wait = nextSweep - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await _signal.WaitAsync(wait, stoppingToken);
            await EvaluatePendingAsync(stoppingToken);
        }
    }

    private async Task EvaluatePendingAsync(CancellationToken ct)
    {
        Dictionary<Guid, HashSet<Guid>> pending;
        lock (_lock) (pending, _pending) = (_pending, []);
        foreach (var (tenantId, machines) in pending) await EvaluateAsync(tenantId, machines, ct);
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        try
        {
            await using var db = contexts.Create(DataScope.None);
            tenants = await db.Tenants.Where(t => t.DeletedAt == null).Select(t => t.Id).ToListAsync(ct); // an organisation scheduled for deletion raises nothing
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Listing tenants for the alert sweep failed");
            return;
        }
        foreach (var tenantId in tenants) await EvaluateAsync(tenantId, null, ct);
    }

    /// <summary>A failing tenant (database hiccup, bad rule) must not stop alerts for the others.</summary>
    private async Task EvaluateAsync(Guid tenantId, IReadOnlyCollection<Guid>? machines, CancellationToken ct)
    {
        try
        {
            await evaluator.EvaluateAsync(tenantId, machines, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Evaluating the alert rules of tenant {Tenant} failed", tenantId);
        }
    }
}

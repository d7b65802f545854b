using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Quotas;

/// <summary>
/// Keeps <see cref="MessageQuota"/> current in the background for the tenants whose messages this process takes in: a
/// tenant when its first message arrives, then every <see cref="QuotaOptions.RefreshInterval"/>, it reads the tenant's
/// plan and the messages stored today (day buckets, one row per machine), and at most every
/// <see cref="QuotaOptions.StorageRefreshInterval"/> the stored raw telemetry. Nothing of this runs per message.
/// </summary>
public sealed class MessageQuotaRefresher(
    AppDbContextFactory contexts, MessageQuota quota, QuotaUsageReader reader, IOptions<QuotaOptions> options, TimeProvider clock,
    ILogger<MessageQuotaRefresher> logger) : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (DateTimeOffset At, long Bytes)> _storage = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RefreshPeriodicallyAsync(stoppingToken), RefreshFirstSeenAsync(stoppingToken));

    private async Task RefreshPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in quota.Tenants.ToList()) await TryRefreshAsync(tenant, stoppingToken);
        }
    }

    private async Task RefreshFirstSeenAsync(CancellationToken stoppingToken)
    {
        await foreach (var tenant in quota.FirstSeen.ReadAllAsync(stoppingToken)) await TryRefreshAsync(tenant, stoppingToken);
    }

    private async Task TryRefreshAsync(Guid tenant, CancellationToken ct)
    {
        try
        {
            await RefreshAsync(tenant, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not refresh the message quota of {Tenant}; it is read again in {Interval}", tenant, options.Value.RefreshInterval);
        }
    }

    public async Task RefreshAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var (_, limits) = await reader.LimitsAsync(db, ct);
        var today = reader.Today();
        var stored = await QuotaUsageReader.StoredTodayAsync(db, today, ct);
        var storageFull = false;
        if (limits.StorageBytes is { } maxBytes)
        {
            var now = clock.GetUtcNow();
            if (!_storage.TryGetValue(tenantId, out var known) || now - known.At >= options.Value.StorageRefreshInterval)
                _storage[tenantId] = known = (now, await QuotaUsageReader.StorageBytesAsync(db, ct));
            storageFull = known.Bytes >= maxBytes;
        }
        quota.Refresh(tenantId, limits.MessagesPerDay, storageFull, today, stored);
    }
}

using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Infrastructure.Quotas;

/// <summary>
/// Keeps <see cref="MessageQuota"/> current in the background: at start and every <see cref="QuotaOptions.RefreshInterval"/>
/// it reads each tenant's plan and the messages stored today (day buckets, one row per machine), and at most every
/// <see cref="QuotaOptions.StorageRefreshInterval"/> the stored raw telemetry. Nothing of this runs per message.
/// </summary>
public sealed class MessageQuotaRefresher(
    AppDbContextFactory contexts, MessageQuota quota, QuotaUsageReader reader, IOptions<QuotaOptions> options, TimeProvider clock,
    ILogger<MessageQuotaRefresher> logger) : BackgroundService
{
    private readonly Dictionary<Guid, (DateTimeOffset At, long Bytes)> _storage = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        do
        {
            try
            {
                await RefreshAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not refresh the message quotas; they are read again in {Interval}", options.Value.RefreshInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every tenant.</summary>
    public async Task RefreshAllAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var shared = contexts.Create(DataScope.None))
            tenants = await shared.Tenants.Select(t => t.Id).ToListAsync(ct);
        foreach (var tenant in tenants) await RefreshAsync(tenant, ct);
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

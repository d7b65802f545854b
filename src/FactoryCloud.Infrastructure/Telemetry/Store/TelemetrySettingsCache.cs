using System.Collections.Concurrent;
using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// What <see cref="TelemetryStore"/> needs per tenant that is settings, not state: the loss settings (and their key)
/// and every machine's ideal cycle times. Read once per tenant and kept until <see cref="TelemetrySettingsChanges"/>
/// announces a change of that tenant (here, or on PostgreSQL in another process through the change feed), so a
/// steady-state batch reads no settings. A machine the cache does not know yet (added where no announcement reached
/// this process) makes the tenant's settings be read again. <see cref="SafetyLifetime"/> bounds how long an entry is
/// kept should an announcement be lost; it is a fallback, not how changes arrive.
/// </summary>
/// <remarks>
/// Which machines exist, and with which loss-sums key, stays state that the store reads under the machines' row locks
/// (<see cref="TelemetrySql.TouchMachinesAsync"/>). So even settings a moment old can never leave wrong sums behind:
/// the sums are always written with the key of the settings they were classified with, and a machine whose key is not
/// the tenant's current one is rebuilt (<see cref="LossSums"/>) and, until then, evaluated from its state changes.
/// </remarks>
public sealed class TelemetrySettingsCache
{
    public static readonly TimeSpan SafetyLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, Slot> _slots = new();
    private readonly TimeProvider _clock;

    public TelemetrySettingsCache(TelemetrySettingsChanges changes, TimeProvider clock)
    {
        _clock = clock;
        changes.Changed += Invalidate;
        changes.MayHaveMissed += InvalidateAll;
    }

    /// <summary>
    /// The settings of the context's tenant, covering at least <paramref name="machineIds"/>; read through
    /// <paramref name="db"/> (in its transaction) when not cached. The tenant is the context's, so no other tenant's
    /// settings can be handed out or stored under it.
    /// </summary>
    internal async Task<TenantIngestionSettings> GetAsync(AppDbContext db, IEnumerable<Guid> machineIds, CancellationToken ct)
    {
        var tenantId = db.Scope.TenantId ?? throw new InvalidOperationException("Ingestion settings belong to a tenant, but the context has none.");
        var slot = _slots.GetOrAdd(tenantId, _ => new Slot());
        long generation;
        lock (slot)
        {
            if (slot.Settings is { } cached && _clock.GetUtcNow() < slot.Expires && machineIds.All(cached.CycleTimes.ContainsKey))
                return cached;
            generation = slot.Generation;
        }

        var loaded = await LoadAsync(db, ct);
        lock (slot)
        {
            // A change announced while reading may not be in what was read: use it for this batch, but do not keep it.
            if (slot.Generation == generation)
                (slot.Settings, slot.Expires) = (loaded, _clock.GetUtcNow() + SafetyLifetime);
        }
        return loaded;
    }

    private void Invalidate(Guid tenantId)
    {
        var slot = _slots.GetOrAdd(tenantId, _ => new Slot());
        lock (slot) Forget(slot);
    }

    private void InvalidateAll()
    {
        foreach (var slot in _slots.Values)
            lock (slot) Forget(slot);
    }

    private static void Forget(Slot slot)
    {
        slot.Generation++;
        slot.Settings = null;
    }

    private static async Task<TenantIngestionSettings> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var (loss, _) = await TenantKpiSettings.ReadAsync(db, ct);
        var machines = await db.Machines.AsNoTracking()
            .Select(m => new { m.Id, m.IdealCycleTimeSeconds, m.ProductCycleTimes })
            .ToDictionaryAsync(m => m.Id, m => new MachineCycleTimes(m.IdealCycleTimeSeconds, m.ProductCycleTimes), ct);
        return new TenantIngestionSettings(loss, loss.LossSumsKey(), machines);
    }

    private sealed class Slot
    {
        public long Generation;
        public TenantIngestionSettings? Settings;
        public DateTimeOffset Expires;
    }
}

/// <summary>One tenant's settings as the store uses them: read-only once built, shared by concurrent batches.</summary>
internal sealed record TenantIngestionSettings(LossSettings Loss, string LossSumsKey, IReadOnlyDictionary<Guid, MachineCycleTimes> CycleTimes);

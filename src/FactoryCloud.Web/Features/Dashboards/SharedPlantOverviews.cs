using System.Collections.Concurrent;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Infrastructure.Telemetry.Store;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// One plant overview per tenant and range, shared by every circuit showing it: when new data arrives all open
/// overviews of a tenant refresh at once, and instead of each loading the whole plant (and holding its own copy of
/// the result) they await the same load. An overview is reused only while no newer telemetry commit of the tenant
/// was announced and for at most <see cref="MaxAge"/>, so a refresh never shows data older than what triggered it.
/// The tenant comes from the circuit's verified membership; the load runs in the first caller's tenant scope.
/// </summary>
public sealed class SharedPlantOverviews : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(Guid Tenant, TimeRangeKind Range), Entry> _entries = [];
    private readonly ConcurrentDictionary<Guid, long> _commits = new();
    private readonly TelemetryNotifications _notifications;
    private readonly TimeProvider _clock;

    public SharedPlantOverviews(TelemetryNotifications notifications, TimeProvider clock)
    {
        _notifications = notifications;
        _clock = clock;
        notifications.Changed += OnChanged;
    }

    private sealed record Entry(long Commit, DateTimeOffset StartedAt, Task<PlantOverview> Overview);

    public async Task<PlantOverview> GetAsync(Guid tenantId, TimeRangeKind range, Func<Task<PlantOverview>> load)
    {
        var key = (tenantId, range);
        var commit = _commits.GetValueOrDefault(tenantId);
        var now = _clock.GetUtcNow();
        Entry entry;
        var mine = false;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!) || !IsFresh(entry, commit, now))
            {
                _entries[key] = entry = new Entry(commit, now, load());
                mine = true;
            }
        }
        try
        {
            return await entry.Overview;
        }
        catch (Exception) when (!mine)
        {
            // Another circuit's load failed (its circuit may have closed meanwhile): load in this one.
            return await load();
        }
    }

    private bool IsFresh(Entry entry, long commit, DateTimeOffset now) =>
        entry.Commit == commit && now - entry.StartedAt < MaxAge && !entry.Overview.IsFaulted && !entry.Overview.IsCanceled;

    private void OnChanged(Guid tenantId) => _commits.AddOrUpdate(tenantId, 1, (_, n) => n + 1);

    public void Dispose() => _notifications.Changed -= OnChanged;
}

using FactoryCloud.Infrastructure.Ingestion;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// Keeps a dashboard live: the store's push after a commit of this tenant schedules one refresh, no sooner than
/// <see cref="Throttle"/> after the previous (at most about one update a second per circuit, however fast data
/// arrives); a slow fallback timer keeps "time in state" moving and covers data stored by another process.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(15);

    private readonly TelemetryNotifications _notifications;
    private readonly Guid? _tenantId;
    private readonly Func<Task> _refresh;
    private readonly Timer _fallback;
    private readonly Timer _live;
    private int _scheduled;
    private DateTimeOffset _lastRefresh = DateTimeOffset.UtcNow;

    /// <param name="dispatch">The component's <c>InvokeAsync</c>, so refreshes run on the circuit's dispatcher.</param>
    public LiveRefresh(TelemetryNotifications notifications, Guid? tenantId, Func<Task> refresh, Func<Func<Task>, Task> dispatch)
    {
        _notifications = notifications;
        _tenantId = tenantId;
        _refresh = refresh;
        _fallback = new Timer(_ => dispatch(RunAsync), null, Fallback, Fallback);
        _live = new Timer(_ => dispatch(() =>
        {
            Interlocked.Exchange(ref _scheduled, 0);
            return RunAsync();
        }));
        notifications.Stored += OnStored;
    }

    /// <summary>Call after a refresh the user asked for, so the throttle counts from it.</summary>
    public void Refreshed() => _lastRefresh = DateTimeOffset.UtcNow;

    private void OnStored(Guid tenantId)
    {
        if (tenantId != _tenantId || Interlocked.Exchange(ref _scheduled, 1) == 1) return;
        var wait = _lastRefresh + Throttle - DateTimeOffset.UtcNow;
        _live.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private Task RunAsync()
    {
        Refreshed();
        return _refresh();
    }

    public void Dispose()
    {
        _notifications.Stored -= OnStored;
        _fallback.Dispose();
        _live.Dispose();
    }
}

using FactoryCloud.Infrastructure.Alerts;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>
/// Keeps an alert view current: when this process announces a change of the tenant's alerts, one refresh no sooner
/// than <see cref="Throttle"/> after the last (however many changes arrive); otherwise every
/// <see cref="FallbackInterval"/>, which covers alerts evaluated by another process. The same pattern as the plant
/// overview; <paramref name="invoke"/> is the component's <c>InvokeAsync</c>.
/// </summary>
public sealed class AlertLiveRefresh : IDisposable
{
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(30);

    private readonly AlertNotifications _notifications;
    private readonly Guid? _tenantId;
    private readonly Func<Task> _refresh;
    private readonly Timer _fallback;
    private readonly Timer _live;
    private int _liveScheduled;
    private DateTimeOffset _lastRefresh = DateTimeOffset.UtcNow;

    public AlertLiveRefresh(AlertNotifications notifications, Guid? tenantId, Func<Task> refresh, Func<Func<Task>, Task> invoke)
    {
        (_notifications, _tenantId) = (notifications, tenantId);
        _refresh = refresh;
        _fallback = new Timer(_ => invoke(RefreshAsync), null, FallbackInterval, FallbackInterval);
        _live = new Timer(_ => invoke(async () =>
        {
            Interlocked.Exchange(ref _liveScheduled, 0);
            await RefreshAsync();
        }));
        _notifications.Changed += OnChanged;
    }

    private void OnChanged(Guid tenantId)
    {
        if (tenantId != _tenantId || Interlocked.Exchange(ref _liveScheduled, 1) == 1) return;
        var wait = _lastRefresh + Throttle - DateTimeOffset.UtcNow;
        _live.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private Task RefreshAsync()
    {
        _lastRefresh = DateTimeOffset.UtcNow;
        return _refresh();
    }

    public void Dispose()
    {
        _notifications.Changed -= OnChanged;
        _fallback.Dispose();
        _live.Dispose();
    }
}

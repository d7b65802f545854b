namespace FactoryCloud.Web.Common;

/// <summary>
/// Keeps a view live: an announced change of this tenant schedules one refresh, no sooner than <see cref="Throttle"/>
/// after the previous (at most about one update a second per circuit, however fast changes arrive); a slow fallback
/// timer keeps "time in state" moving and covers changes made by another process.
/// </summary>
/// <remarks>
/// Create it before the first load and load through <see cref="RefreshNowAsync"/>: a change announced while the
/// first load runs then still schedules a refresh, and refreshes never overlap, so one that started before a change
/// cannot overwrite one that started after it.
/// </remarks>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);

    private readonly ITenantChanges _changes;
    private readonly Guid? _tenantId;
    private readonly Func<Task> _refresh;
    private readonly Timer _fallback;
    private readonly Timer _live;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _scheduled;
    private volatile bool _disposed;
    private DateTimeOffset _lastRefresh = DateTimeOffset.UtcNow;

    /// <param name="dispatch">The component's <c>InvokeAsync</c>, so refreshes run on the circuit's dispatcher.</param>
    public LiveRefresh(ITenantChanges changes, Guid? tenantId, TimeSpan fallback, Func<Task> refresh, Func<Func<Task>, Task> dispatch)
    {
        _changes = changes;
        _tenantId = tenantId;
        _refresh = refresh;
        _fallback = new Timer(_ => dispatch(RefreshNowAsync), null, fallback, fallback);
        _live = new Timer(_ => dispatch(() =>
        {
            Interlocked.Exchange(ref _scheduled, 0);
            return RefreshNowAsync();
        }));
        changes.Changed += OnChanged;
    }

    /// <summary>Refreshes now: the first load, or one the user asked for (the throttle counts from it).</summary>
    public async Task RefreshNowAsync()
    {
        if (_disposed) return;
        await _oneAtATime.WaitAsync();
        try
        {
            _lastRefresh = DateTimeOffset.UtcNow;
            if (!_disposed) await _refresh();
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private void OnChanged(Guid tenantId)
    {
        if (tenantId != _tenantId || _disposed || Interlocked.Exchange(ref _scheduled, 1) == 1) return;
        var wait = _lastRefresh + Throttle - DateTimeOffset.UtcNow;
        try
        {
            _live.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The view closed while the announcement was on its way; nothing left to refresh.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _changes.Changed -= OnChanged;
        _fallback.Dispose();
        _live.Dispose();
    }
}

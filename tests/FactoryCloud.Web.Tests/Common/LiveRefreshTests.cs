using System.Threading.Channels;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Lifecycle.Export;

namespace FactoryCloud.Web.Tests.Common;

/// <summary>
/// What keeps a page live, apart from the slow fallback timer (off here): an announced change of the page's tenant
/// refreshes it, a burst of announcements once and no sooner than the throttle after the last refresh.
/// </summary>
public sealed class LiveRefreshTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Timers may fire a little before their due time by the clock read here.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);

    private readonly TenantExportChanges _changes = new();
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Channel<DateTimeOffset> _refreshes = Channel.CreateUnbounded<DateTimeOffset>();

    private LiveRefresh Create() => new(_changes, _tenant, Timeout.InfiniteTimeSpan, () =>
    {
        _refreshes.Writer.TryWrite(DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }, work => work());

    [Fact]
    public async Task A_burst_of_announcements_for_the_tenant_refreshes_once_a_throttle_after_the_last_refresh_and_other_tenants_are_ignored()
    {
        using var live = Create();
        await live.RefreshNowAsync();
        Assert.True(_refreshes.Reader.TryRead(out var first));

        _changes.Announce(Guid.NewGuid());
        for (var i = 0; i < 5; i++) _changes.Announce(_tenant);

        var next = await _refreshes.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(next - first >= LiveRefresh.Throttle - ClockSlack, $"refreshed {(next - first).TotalMilliseconds} ms after the previous one");
        await Task.Delay(LiveRefresh.Throttle * 2, Ct);
        Assert.False(_refreshes.Reader.TryRead(out _), "the burst refreshed more than once");
    }

    [Fact]
    public async Task Another_tenants_announcement_and_one_after_the_view_closed_refresh_nothing()
    {
        var live = Create();
        await live.RefreshNowAsync();
        Assert.True(_refreshes.Reader.TryRead(out _));

        _changes.Announce(Guid.NewGuid());
        live.Dispose();
        _changes.Announce(_tenant);

        await Task.Delay(LiveRefresh.Throttle * 2, Ct);
        Assert.False(_refreshes.Reader.TryRead(out _));
    }
}

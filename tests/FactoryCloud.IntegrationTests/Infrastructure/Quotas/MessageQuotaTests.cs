using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Quotas;

namespace FactoryCloud.IntegrationTests.Infrastructure.Quotas;

/// <summary>The in-memory per-message quota check: limits, days, refreshes, and no allocation per message.</summary>
public sealed class MessageQuotaTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MessagesAreLetThroughUpToTheDailyLimitThenRefusedAndCountedAsRefused()
    {
        var clock = new ManualClock(Noon);
        var quota = new MessageQuota(clock);
        var tenant = Guid.NewGuid();
        quota.Refresh(tenant, messagesPerDay: 3, storageFull: false, DateOnly.FromDateTime(Noon.UtcDateTime), storedToday: 0);

        var results = Enumerable.Range(0, 5).Select(_ => quota.TryCount(tenant)).ToList();

        Assert.Equal([RefusalReason.None, RefusalReason.None, RefusalReason.None, RefusalReason.MessageQuotaExceeded, RefusalReason.MessageQuotaExceeded], results);
        Assert.Equal((3L, 2L), quota.Today(tenant));
    }

    [Fact]
    public void ANewUtcDayStartsFromZero()
    {
        var clock = new ManualClock(Noon);
        var quota = new MessageQuota(clock);
        var tenant = Guid.NewGuid();
        quota.Refresh(tenant, 1, false, DateOnly.FromDateTime(Noon.UtcDateTime), 1);
        Assert.Equal(RefusalReason.MessageQuotaExceeded, quota.TryCount(tenant));

        clock.Now = Noon.AddHours(12); // midnight UTC

        Assert.Equal(RefusalReason.None, quota.TryCount(tenant));
        Assert.Equal((1L, 0L), quota.Today(tenant));
    }

    [Fact]
    public void ARefreshRaisesTheCountToWhatIsStoredButNeverLowersIt()
    {
        var quota = new MessageQuota(new ManualClock(Noon));
        var tenant = Guid.NewGuid();
        var today = DateOnly.FromDateTime(Noon.UtcDateTime);
        quota.Refresh(tenant, 10, false, today, storedToday: 8); // another process, or before a restart
        Assert.Equal(RefusalReason.None, quota.TryCount(tenant));
        Assert.Equal(RefusalReason.None, quota.TryCount(tenant));
        Assert.Equal(RefusalReason.MessageQuotaExceeded, quota.TryCount(tenant));

        quota.Refresh(tenant, 10, false, today, storedToday: 4); // not yet stored here: the count stays

        Assert.Equal((10L, 1L), quota.Today(tenant));
    }

    [Fact]
    public void AFullStorageRefusesEveryMessageAndAnUnknownTenantIsLetThroughUntilRefreshed()
    {
        var quota = new MessageQuota(new ManualClock(Noon));
        var full = Guid.NewGuid();
        quota.Refresh(full, null, storageFull: true, DateOnly.FromDateTime(Noon.UtcDateTime), 0);

        Assert.Equal(RefusalReason.StorageQuotaExceeded, quota.TryCount(full));
        var unknown = Guid.NewGuid();
        Assert.Equal(RefusalReason.None, quota.TryCount(unknown));
        Assert.Equal(RefusalReason.None, quota.TryCount(unknown));
        // Its first message asks the refresher to read it at once, and only the first.
        Assert.True(quota.FirstSeen.TryRead(out var first));
        Assert.Equal(unknown, first);
        Assert.False(quota.FirstSeen.TryRead(out _));
    }

    [Fact]
    public void RefusalsAreRecordedOnceAMinute()
    {
        var clock = new ManualClock(Noon);
        var quota = new MessageQuota(clock);
        var tenant = Guid.NewGuid();
        quota.Refresh(tenant, 0, false, DateOnly.FromDateTime(Noon.UtcDateTime), 0);

        Assert.True(quota.FirstRefusalThisMinute(tenant));
        Assert.False(quota.FirstRefusalThisMinute(tenant));
        clock.Now = Noon.AddMinutes(1);
        Assert.True(quota.FirstRefusalThisMinute(tenant));
    }

    [Fact]
    public void TheCheckAllocatesNothing()
    {
        var quota = new MessageQuota(TimeProvider.System);
        var tenant = Guid.NewGuid();
        quota.Refresh(tenant, long.MaxValue, false, DateOnly.FromDateTime(DateTime.UtcNow), 0);
        quota.TryCount(tenant); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++) quota.TryCount(tenant);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

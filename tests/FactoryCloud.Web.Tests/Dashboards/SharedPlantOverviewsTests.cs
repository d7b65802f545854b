using FactoryCloud.Domain.Kpis;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Web.Features.Dashboards;

namespace FactoryCloud.Web.Tests.Dashboards;

public sealed class SharedPlantOverviewsTests
{
    private static readonly Guid TenantA = Guid.NewGuid();
    private static readonly Guid TenantB = Guid.NewGuid();

    [Fact]
    public async Task CircuitsRefreshingAfterTheSameCommitShareOneLoad()
    {
        var (shared, _, clock) = Create();
        var loads = 0;
        var release = new TaskCompletionSource();
        async Task<PlantOverview> Load()
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return Overview(clock.GetUtcNow());
        }

        var waiting = Enumerable.Range(0, 50).Select(_ => shared.GetAsync(TenantA, TimeRangeKind.Today, Load)).ToList();
        release.SetResult();
        var overviews = await Task.WhenAll(waiting);

        Assert.Equal(1, loads);
        Assert.All(overviews, o => Assert.Same(overviews[0], o));
    }

    [Fact]
    public async Task ACommitOfTheTenantOrAnotherRangeOrTenantOrAgeMeansANewLoad()
    {
        var (shared, notifications, clock) = Create();
        var loads = 0;
        Task<PlantOverview> Load()
        {
            loads++;
            return Task.FromResult(Overview(clock.GetUtcNow()));
        }

        await shared.GetAsync(TenantA, TimeRangeKind.Today, Load);
        await shared.GetAsync(TenantA, TimeRangeKind.Today, Load);
        Assert.Equal(1, loads);

        notifications.Publish(TenantB, []);
        await shared.GetAsync(TenantA, TimeRangeKind.Today, Load);
        Assert.Equal(1, loads);

        notifications.Publish(TenantA, []);
        await shared.GetAsync(TenantA, TimeRangeKind.Today, Load);
        Assert.Equal(2, loads);

        await shared.GetAsync(TenantB, TimeRangeKind.Today, Load);
        await shared.GetAsync(TenantA, TimeRangeKind.Yesterday, Load);
        Assert.Equal(4, loads);

        clock.Advance(SharedPlantOverviews.MaxAge);
        await shared.GetAsync(TenantA, TimeRangeKind.Today, Load);
        Assert.Equal(5, loads);
    }

    [Fact]
    public async Task AFailedLoadIsNotServedToLaterRefreshes()
    {
        var (shared, _, clock) = Create();
        var failing = shared.GetAsync(TenantA, TimeRangeKind.Today, () => Task.FromException<PlantOverview>(new ObjectDisposedException("circuit")));
        var other = await shared.GetAsync(TenantA, TimeRangeKind.Today, () => Task.FromResult(Overview(clock.GetUtcNow())));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => failing);
        Assert.NotNull(other);
    }

    private static (SharedPlantOverviews Shared, TelemetryNotifications Notifications, ManualClock Clock) Create()
    {
        var notifications = new TelemetryNotifications();
        var clock = new ManualClock();
        return (new SharedPlantOverviews(notifications, clock), notifications, clock);
    }

    private static PlantOverview Overview(DateTimeOffset now) => new([], now, TimeRangeKind.Today);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

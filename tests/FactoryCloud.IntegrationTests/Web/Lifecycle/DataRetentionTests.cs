using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// Retention deletes raw events past N days and minute buckets past M days, tenant by tenant, and KPIs over windows
/// of whole hours come out identical from the buckets that stay (hours, days, weeks), on both providers.
/// </summary>
public sealed class DataRetentionTests(DatabaseServers servers)
{
    private const int Days = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KpisAreIdenticalAfterRetentionDeletedTheRawEventsAndThenTheMinuteBuckets(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        // The history lies 200 to 188 days back: past the default 90 days of raw events.
        var start = BucketSize.Day.StartOf(DateTimeOffset.UtcNow).AddDays(-200).AddHours(3).AddMinutes(17).AddSeconds(23);
        var (tenant, machine) = await SeedAsync(app, start);
        var (other, otherMachine) = await SeedAsync(app, start);
        var windows = new[]
        {
            new TimeWindow(BucketSize.Hour.StartOf(start).AddHours(1), BucketSize.Day.StartOf(start).AddDays(Days)), // almost all of it
            new TimeWindow(BucketSize.Day.StartOf(start).AddDays(2).AddHours(5), BucketSize.Day.StartOf(start).AddDays(5).AddHours(17)),
            new TimeWindow(BucketSize.Day.StartOf(start).AddDays(3), BucketSize.Day.StartOf(start).AddDays(4)),
        };
        var now = DateTimeOffset.UtcNow;
        var before = await KpisAsync(app, tenant, machine, windows, now);
        var hourBuckets = await CountAsync(app, tenant, db => db.MachineBuckets.CountAsync(b => b.Size == BucketSize.Hour, Ct));
        var job = app.Services.GetRequiredService<DataRetentionJob>();

        // Raw events go (default: 90 days); minute buckets are younger than their default 400 days and stay.
        var removed = await job.RunAsync(tenant, Ct);
        Assert.True(removed.RawEvents > 0);
        Assert.Equal(0, removed.MinuteBuckets);
        Assert.Equal(0, await CountAsync(app, tenant, db => db.TelemetryEvents.CountAsync(Ct)));
        Assert.NotEqual(0, await CountAsync(app, tenant, db => db.MachineBuckets.CountAsync(b => b.Size == BucketSize.Minute, Ct)));
        AssertSame(before, await KpisAsync(app, tenant, machine, windows, now));

        // Then minute buckets past 100 days go; hour buckets cover them.
        await using (var db = Contexts(app).Create(DataScope.ForTenant(tenant)))
        {
            db.TenantPlans.Add(new TenantPlan { RawEventRetentionDays = 90, MinuteBucketRetentionDays = 100 });
            await db.SaveChangesAsync(Ct);
        }
        removed = await job.RunAsync(tenant, Ct);
        Assert.True(removed.MinuteBuckets > 0);
        Assert.Equal(0, await CountAsync(app, tenant, db => db.MachineBuckets.CountAsync(b => b.Size == BucketSize.Minute, Ct)));
        Assert.Equal(0, await CountAsync(app, tenant, db => db.MachineDowntimeBuckets.CountAsync(b => b.Size == BucketSize.Minute && b.CarriedBreakdowns == 0, Ct)));
        Assert.Equal(hourBuckets, await CountAsync(app, tenant, db => db.MachineBuckets.CountAsync(b => b.Size == BucketSize.Hour, Ct)));
        AssertSame(before, await KpisAsync(app, tenant, machine, windows, now));

        // Another pass finds nothing more; the other tenant's data was not touched.
        Assert.Equal(new DataRetentionJob.Removed(0, 0, 0), await job.RunAsync(tenant, Ct));
        Assert.NotEqual(0, await CountAsync(app, other, db => db.TelemetryEvents.CountAsync(e => e.MachineId == otherMachine, Ct)));
        Assert.NotEqual(0, await CountAsync(app, other, db => db.MachineBuckets.CountAsync(b => b.MachineId == otherMachine && b.Size == BucketSize.Minute, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheStoreKeepsStoringWhileRetentionDeletes(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var start = BucketSize.Day.StartOf(DateTimeOffset.UtcNow).AddDays(-150).AddHours(1);
        var (old, _) = await SeedAsync(app, start, days: 4);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var store = app.Services.GetRequiredService<ITelemetryStore>();
        var now = DateTimeOffset.UtcNow;

        var retention = app.Services.GetRequiredService<DataRetentionJob>().RunAsync(old, Ct);
        var stored = 0;
        for (var batch = 0; batch < 20; batch++)
        {
            var messages = Enumerable.Range(0, 100).Select(i => device.Count(now.AddSeconds(-(batch * 100) - i), 1)).ToList();
            stored += (await store.StoreAsync(messages, Ct)).Applied;
        }
        var removed = await retention;

        Assert.Equal(2000, stored);
        Assert.True(removed.RawEvents > 0);
        Assert.Equal(0, await CountAsync(app, old, db => db.TelemetryEvents.CountAsync(Ct)));
        Assert.Equal(2000, await CountAsync(app, owner.TenantId, db => db.TelemetryEvents.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecentDataIsKept(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var (tenant, machine) = await SeedAsync(app, DateTimeOffset.UtcNow.AddDays(-3), days: 2);
        var events = await CountAsync(app, tenant, db => db.TelemetryEvents.CountAsync(Ct));
        var minutes = await CountAsync(app, tenant, db => db.MachineBuckets.CountAsync(b => b.MachineId == machine && b.Size == BucketSize.Minute, Ct));

        Assert.Equal(new DataRetentionJob.Removed(0, 0, 0), await app.Services.GetRequiredService<DataRetentionJob>().RunAsync(tenant, Ct));

        Assert.Equal(events, await CountAsync(app, tenant, db => db.TelemetryEvents.CountAsync(Ct)));
        Assert.Equal(minutes, await CountAsync(app, tenant, db => db.MachineBuckets.CountAsync(b => b.MachineId == machine && b.Size == BucketSize.Minute, Ct)));
    }

    private static async Task<List<(KpiTotals Totals, List<(string? Reason, double Seconds, long Episodes)> Pareto)>> KpisAsync(
        FactoryCloudApp app, Guid tenant, Guid machine, TimeWindow[] windows, DateTimeOffset now)
    {
        var results = new List<(KpiTotals, List<(string?, double, long)>)>();
        foreach (var window in windows)
        {
            await using var db = Contexts(app).Create(DataScope.ForTenant(tenant));
            var data = await KpiData.LoadAsync(db, [machine], window, now, perBucket: false, Ct, downtime: true);
            Assert.Equal(1, data.FromBucketSums);
            results.Add((data.Totals(machine), DowntimePareto.Build(data.Downtime([machine])).Select(e => (e.Reason, Math.Round(e.Seconds, 6), e.Episodes)).ToList()));
        }
        return results;
    }

    private static void AssertSame(
        List<(KpiTotals Totals, List<(string? Reason, double Seconds, long Episodes)> Pareto)> expected,
        List<(KpiTotals Totals, List<(string? Reason, double Seconds, long Episodes)> Pareto)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Totals, actual[i].Totals);
            Assert.Equal(expected[i].Pareto, actual[i].Pareto);
        }
    }

    private static async Task<int> CountAsync(FactoryCloudApp app, Guid tenant, Func<AppDbContext, Task<int>> count)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(tenant));
        return await count(db);
    }

    private static AppDbContextFactory Contexts(FactoryCloudApp app) => app.Services.GetRequiredService<AppDbContextFactory>();

    /// <summary>
    /// A 24/7 plant and <paramref name="days"/> days of history through the store from <paramref name="start"/>: state
    /// changes every 30 s to 3 h (breakdowns with reasons, small stops), counts and energy.
    /// </summary>
    private static async Task<(Guid Tenant, Guid Machine)> SeedAsync(FactoryCloudApp app, DateTimeOffset start, int days = Days)
    {
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var random = new Random(7);
        string?[] reasons = ["jam", "motor", null];
        MachineState[] states = [MachineState.Running, MachineState.Down, MachineState.Idle, MachineState.Changeover, MachineState.PlannedStop, MachineState.Offline];
        var messages = new List<AcceptedTelemetry>();
        var state = MachineState.Offline;
        for (var at = start; at < start.AddDays(days);)
        {
            var others = states.Where(s => s != state).ToArray();
            state = others[random.Next(others.Length)];
            messages.Add(device.State(at, state, state == MachineState.Down ? reasons[random.Next(reasons.Length)] : null));
            messages.Add(device.Count(at.AddSeconds(random.Next(0, 30)), random.Next(0, 500), random.Next(0, 3)));
            messages.Add(device.Energy(at.AddSeconds(random.Next(0, 30)), random.NextDouble()));
            at = at.AddSeconds(random.Next(0, 3) == 0 ? random.Next(30, 150) : random.Next(300, 3 * 3600));
        }
        var store = app.Services.GetRequiredService<ITelemetryStore>();
        foreach (var batch in messages.Chunk(300))
            Assert.Equal(batch.Length, (await store.StoreAsync(batch, Ct)).Applied);
        return (owner.TenantId, plant.Machine);
    }
}

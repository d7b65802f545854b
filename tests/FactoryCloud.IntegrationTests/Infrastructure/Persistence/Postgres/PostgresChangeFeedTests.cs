using System.Collections.Concurrent;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence.Postgres;

/// <summary>
/// Two processes on one PostgreSQL database (two service providers here) hear each other's changes: telemetry, alerts,
/// and ingestion settings (the worker's store uses settings saved by a web instance in its next batch).
/// </summary>
public sealed class PostgresChangeFeedTests(DatabaseServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private ServiceProvider _worker = default!;
    private ServiceProvider _web = default!;

    public async ValueTask InitializeAsync()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        _worker = await StartAsync(database);
        _web = await StartAsync(database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var services in new[] { _worker, _web })
        {
            await services.GetRequiredService<PostgresChangeFeed>().StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_telemetry_commit_in_one_process_refreshes_views_in_the_other_without_evaluating_alerts_there()
    {
        var tenant = Guid.NewGuid();
        var seenByWeb = Record(_web.GetRequiredService<TelemetryNotifications>(), tenant);
        var committedOnWeb = 0;
        _web.GetRequiredService<TelemetryNotifications>().Committed += (t, _) => { if (t == tenant) Interlocked.Increment(ref committedOnWeb); };
        var seenByWorker = Record(_worker.GetRequiredService<TelemetryNotifications>(), tenant);

        _worker.GetRequiredService<TelemetryNotifications>().Publish(tenant, [Guid.NewGuid()]);

        await WaitUntilAsync(() => !seenByWeb.IsEmpty);
        await Task.Delay(PostgresChangeFeed.CoalesceWindow * 5, TestContext.Current.CancellationToken);
        Assert.Single(seenByWeb);
        Assert.Equal(0, committedOnWeb);
        Assert.Single(seenByWorker); // its own commit, heard once: the web process does not send it back
    }

    [Fact]
    public async Task An_alert_change_in_one_process_reaches_the_bell_of_the_other()
    {
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        var seenByWeb = Record(_web.GetRequiredService<AlertNotifications>(), tenant);
        var otherSeenByWeb = Record(_web.GetRequiredService<AlertNotifications>(), other);

        _worker.GetRequiredService<AlertNotifications>().Publish(tenant);

        await WaitUntilAsync(() => !seenByWeb.IsEmpty);
        Assert.Empty(otherSeenByWeb);
    }

    [Fact]
    public async Task A_burst_of_commits_is_sent_as_a_few_notifications_not_one_per_commit()
    {
        var tenant = Guid.NewGuid();
        var seenByWeb = Record(_web.GetRequiredService<TelemetryNotifications>(), tenant);
        var worker = _worker.GetRequiredService<TelemetryNotifications>();

        for (var i = 0; i < 200; i++) worker.Publish(tenant, [Guid.NewGuid()]);

        await WaitUntilAsync(() => !seenByWeb.IsEmpty);
        await Task.Delay(PostgresChangeFeed.CoalesceWindow * 5, TestContext.Current.CancellationToken);
        Assert.InRange(seenByWeb.Count, 1, 10);
    }

    [Fact]
    public async Task A_settings_change_saved_in_one_process_is_used_by_the_next_batch_stored_in_the_other()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var pair = await TenantPair.CreateAsync(database);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0);
        var t0 = new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.Zero);
        var store = _worker.GetRequiredService<ITelemetryStore>();
        await store.StoreAsync([device.State(t0, MachineState.Running), device.Count(t0.AddSeconds(1), 10)], TestContext.Current.CancellationToken);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _worker.GetRequiredService<TelemetrySettingsChanges>().Changed += tenant => { if (tenant == pair.A) heard.TrySetResult(); };

        var changed = new KpiSettings { SmallStopThresholdSeconds = 900 };
        await using (var db = _web.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(pair.A)))
        {
            (await db.Machines.SingleAsync(m => m.Id == device.MachineId, TestContext.Current.CancellationToken)).IdealCycleTimeSeconds = 4.0;
            db.KpiSettings.Add(changed);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await heard.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await store.StoreAsync([device.State(t0.AddMinutes(1), MachineState.Idle), device.Count(t0.AddMinutes(1).AddSeconds(1), 10)], TestContext.Current.CancellationToken);

        await using var check = database.Contexts.Create(DataScope.ForTenant(pair.A));
        var buckets = await check.MachineBuckets.AsNoTracking().Where(b => b.MachineId == device.MachineId && b.Size == BucketSize.Minute).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10 * 2.0, buckets.Single(b => b.Start == t0).IdealSecondsTotal);
        Assert.Equal(10 * 4.0, buckets.Single(b => b.Start == t0.AddMinutes(1)).IdealSecondsTotal);
        Assert.Equal(changed.ToLossSettings().LossSumsKey(),
            await check.Machines.Where(m => m.Id == device.MachineId).Select(m => m.LossSumsKey).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_process_that_starts_listening_forgets_settings_whose_changes_it_may_have_missed()
    {
        var missed = 0;
        await using var services = await StartAsync(await servers.SharedAsync(DatabaseProvider.Postgres),
            s => s.GetRequiredService<TelemetrySettingsChanges>().MayHaveMissed += () => Interlocked.Increment(ref missed));
        await services.GetRequiredService<PostgresChangeFeed>().StopAsync(CancellationToken.None);

        Assert.Equal(1, missed);
    }

    private static ConcurrentQueue<Guid> Record(FactoryCloud.Infrastructure.Tenancy.ITenantChanges changes, Guid tenant)
    {
        var seen = new ConcurrentQueue<Guid>();
        changes.Changed += t => { if (t == tenant) seen.Enqueue(t); };
        return seen;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Nothing arrived within {Patience}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<ServiceProvider> StartAsync(TestDatabase database, Action<ServiceProvider>? beforeStart = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection().AddLogging().AddFactoryCloudPersistence(configuration, Path.GetTempPath()).BuildServiceProvider();
        beforeStart?.Invoke(services);
        var feed = services.GetRequiredService<PostgresChangeFeed>();
        await feed.StartAsync(TestContext.Current.CancellationToken);
        await feed.Listening.WaitAsync(Patience, TestContext.Current.CancellationToken);
        return services;
    }
}

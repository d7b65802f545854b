using System.Collections.Concurrent;
using System.Data.Common;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Telemetry;

/// <summary>
/// The store keeps each tenant's loss settings and cycle times (<see cref="TelemetrySettingsCache"/>): a steady-state
/// batch reads no settings, a batch after a committed change uses the new ones, and one tenant's never serve another.
/// </summary>
public sealed class TelemetrySettingsCacheTests(DatabaseServers servers)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A small-stop threshold other than the default, so the loss-sums key differs.</summary>
    private static readonly KpiSettings Changed = new() { SmallStopThresholdSeconds = 900, Rules = [new(MachineState.Idle, "no-operator", LossCategory.Breakdown)] };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ABatchAfterASavedChangeUsesTheNewCycleTimesAndLossSettings(DatabaseProvider provider)
    {
        var (database, pair, _, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0, new() { ["sku-1"] = 1.5 });

        await store.StoreAsync([device.State(T0, MachineState.Running), device.Count(T0.AddSeconds(10), 10), device.Count(T0.AddSeconds(20), 10, 0, "sku-1")], Ct);
        Assert.Equal((10 * 2.0) + (10 * 1.5), await IdealSecondsAsync(database, pair.A, device.MachineId, T0));
        Assert.Equal(LossSettings.Default.LossSumsKey(), await LossSumsKeyAsync(database, pair.A, device.MachineId));

        await using (var db = database.Contexts.Create(DataScope.ForTenant(pair.A)))
        {
            var machine = await db.Machines.SingleAsync(m => m.Id == device.MachineId, Ct);
            machine.IdealCycleTimeSeconds = 3.0;
            machine.ProductCycleTimes = new() { ["sku-1"] = 1.0 };
            db.KpiSettings.Add(Copy(Changed));
            await db.SaveChangesAsync(Ct);
        }
        await store.StoreAsync([device.State(T0.AddMinutes(1), MachineState.Idle), device.Count(T0.AddMinutes(1).AddSeconds(10), 10), device.Count(T0.AddMinutes(1).AddSeconds(20), 10, 0, "sku-1")], Ct);

        Assert.Equal((10 * 3.0) + (10 * 1.0), await IdealSecondsAsync(database, pair.A, device.MachineId, T0.AddMinutes(1)));
        Assert.Equal(Changed.ToLossSettings().LossSumsKey(), await LossSumsKeyAsync(database, pair.A, device.MachineId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SteadyStateBatchesReadNoSettingsAndAChangeIsReadOnce(DatabaseProvider provider)
    {
        var (database, pair, commands, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0, new() { ["sku-1"] = 1.5 });

        await store.StoreAsync([device.State(T0, MachineState.Running), device.Count(T0.AddSeconds(5), 1)], Ct);
        Assert.NotEmpty(commands.SettingsReads()); // what the log would see, were settings read
        for (var i = 1; i <= 3; i++)
        {
            commands.Clear();
            await store.StoreAsync(
            [
                device.State(T0.AddMinutes(i), i % 2 == 0 ? MachineState.Running : MachineState.Down, "jam"),
                device.Count(T0.AddMinutes(i).AddSeconds(5), 3, 1, "sku-1"),
                device.Count(T0.AddMinutes(i).AddSeconds(6), 3),
            ], Ct);
            Assert.Empty(commands.SettingsReads());
        }

        await SaveChangedLossSettingsAsync(database, pair.A);
        commands.Clear();
        await store.StoreAsync([device.State(T0.AddMinutes(10), MachineState.Running)], Ct);
        Assert.NotEmpty(commands.SettingsReads());
        commands.Clear();
        await store.StoreAsync([device.State(T0.AddMinutes(11), MachineState.Idle), device.Count(T0.AddMinutes(11).AddSeconds(1), 1)], Ct);
        Assert.Empty(commands.SettingsReads());
        Assert.Equal(Changed.ToLossSettings().LossSumsKey(), await LossSumsKeyAsync(database, pair.A, device.MachineId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OneTenantsSettingsAreNeverUsedForAnother(DatabaseProvider provider)
    {
        var (database, pair, commands, store) = await SetUpAsync(provider);
        var a = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0);
        var b = await TelemetryTestDevice.CreateAsync(database, pair.B, 7.0);
        await SaveChangedLossSettingsAsync(database, pair.B);

        // B first, so its settings are cached when A's messages come; then both tenants in one batch.
        await store.StoreAsync([b.State(T0, MachineState.Running), b.Count(T0.AddSeconds(1), 1)], Ct);
        await store.StoreAsync([a.State(T0, MachineState.Running), a.Count(T0.AddSeconds(1), 1)], Ct);
        await store.StoreAsync([b.Count(T0.AddSeconds(2), 1), a.Count(T0.AddSeconds(2), 1), a.State(T0.AddSeconds(3), MachineState.Idle), b.State(T0.AddSeconds(3), MachineState.Idle)], Ct);

        Assert.Equal(LossSettings.Default.LossSumsKey(), await LossSumsKeyAsync(database, pair.A, a.MachineId));
        Assert.Equal(Changed.ToLossSettings().LossSumsKey(), await LossSumsKeyAsync(database, pair.B, b.MachineId));
        Assert.Equal(2 * 2.0, await IdealSecondsAsync(database, pair.A, a.MachineId, T0));
        Assert.Equal(2 * 7.0, await IdealSecondsAsync(database, pair.B, b.MachineId, T0));

        // A change of B's settings leaves A's cached ones alone, and the other way round.
        await using (var db = database.Contexts.Create(DataScope.ForTenant(pair.B)))
        {
            (await db.Machines.SingleAsync(m => m.Id == b.MachineId, Ct)).IdealCycleTimeSeconds = 8.0;
            await db.SaveChangesAsync(Ct);
        }
        commands.Clear();
        await store.StoreAsync([a.Count(T0.AddMinutes(1), 1)], Ct);
        Assert.Empty(commands.SettingsReads());
        await store.StoreAsync([b.Count(T0.AddMinutes(1), 1)], Ct);
        Assert.NotEmpty(commands.SettingsReads());
        Assert.Equal(8.0, await IdealSecondsAsync(database, pair.B, b.MachineId, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task AChangeInsideATransactionIsAnnouncedWhenItCommitsNotBefore()
    {
        // PostgreSQL only: a batch can run beside an open write transaction (SQLite's writer lock would wait for it).
        var (database, pair, _, store) = await SetUpAsync(DatabaseProvider.Postgres);
        var changed = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0);
        var other = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0);

        await using (var db = database.Contexts.Create(DataScope.ForTenant(pair.A)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            (await db.Machines.SingleAsync(m => m.Id == changed.MachineId, Ct)).IdealCycleTimeSeconds = 5.0;
            await db.SaveChangesAsync(Ct);
            // Saved but not committed: this batch reads (and may keep) the committed 2.0 s.
            await store.StoreAsync([other.Count(T0, 1)], Ct);
            await transaction.CommitAsync(Ct);
        }
        await store.StoreAsync([changed.Count(T0, 1)], Ct);

        Assert.Equal(5.0, await IdealSecondsAsync(database, pair.A, changed.MachineId, T0));
    }

    /// <summary>A fresh store on the shared database, whose contexts log their commands.</summary>
    private async Task<(TestDatabase Database, TenantPair Pair, CommandLog Commands, TelemetryStore Store)> SetUpAsync(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        var commands = new CommandLog();
        return (database, await TenantPair.CreateAsync(database), commands,
            new TelemetryStore(database.ContextsWith(commands), database.IngestionSettings, NullLogger<TelemetryStore>.Instance));
    }

    private static async Task SaveChangedLossSettingsAsync(TestDatabase database, Guid tenant)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        db.KpiSettings.Add(Copy(Changed));
        await db.SaveChangesAsync(Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SettingsReadWhileAChangeIsAnnouncedServeThatBatchButAreNotKept(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var changes = new TelemetrySettingsChanges();
        var commands = new CommandLog();
        var store = new TelemetryStore(database.ContextsWith(commands), new TelemetrySettingsCache(changes, TimeProvider.System), NullLogger<TelemetryStore>.Instance);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var raced = false;
        // What was read may predate a change committed meanwhile: announced while reading, it must not be kept.
        commands.OnSettingsRead = () => { if (!raced) changes.Relay(pair.A); raced = true; };

        await store.StoreAsync([device.Count(T0, 1)], Ct);
        commands.Clear();
        await store.StoreAsync([device.Count(T0.AddSeconds(1), 1)], Ct);
        Assert.NotEmpty(commands.SettingsReads());
        commands.Clear();
        await store.StoreAsync([device.Count(T0.AddSeconds(2), 1)], Ct);
        Assert.Empty(commands.SettingsReads());
    }

    [Fact]
    public async Task EveryTenantsSettingsAreReadAgainWhenAnnouncementsMayHaveBeenMissed()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Sqlite);
        var pair = await TenantPair.CreateAsync(database);
        var changes = new TelemetrySettingsChanges();
        var commands = new CommandLog();
        var store = new TelemetryStore(database.ContextsWith(commands), new TelemetrySettingsCache(changes, TimeProvider.System), NullLogger<TelemetryStore>.Instance);
        var a = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var b = await TelemetryTestDevice.CreateAsync(database, pair.B);
        await store.StoreAsync([a.Count(T0, 1), b.Count(T0, 1)], Ct);

        changes.RelayMissed(); // the change feed (re)started listening
        commands.Clear();
        await store.StoreAsync([a.Count(T0.AddSeconds(1), 1)], Ct);
        Assert.NotEmpty(commands.SettingsReads());
        commands.Clear();
        await store.StoreAsync([b.Count(T0.AddSeconds(1), 1)], Ct);
        Assert.NotEmpty(commands.SettingsReads());
    }

    [Fact]
    public async Task SettingsAreReadAgainAfterTheSafetyLifetimeShouldAnAnnouncementBeLost()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Sqlite);
        var pair = await TenantPair.CreateAsync(database);
        var clock = new ManualClock();
        var commands = new CommandLog();
        var store = new TelemetryStore(
            database.ContextsWith(commands), new TelemetrySettingsCache(new TelemetrySettingsChanges(), clock), NullLogger<TelemetryStore>.Instance);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);

        await store.StoreAsync([device.Count(T0, 1)], Ct);
        clock.Now += TelemetrySettingsCache.SafetyLifetime - TimeSpan.FromSeconds(1);
        commands.Clear();
        await store.StoreAsync([device.Count(T0.AddSeconds(1), 1)], Ct);
        Assert.Empty(commands.SettingsReads());
        clock.Now += TimeSpan.FromSeconds(1);
        await store.StoreAsync([device.Count(T0.AddSeconds(2), 1)], Ct);
        Assert.NotEmpty(commands.SettingsReads());
    }

    private static KpiSettings Copy(KpiSettings settings) => new()
    {
        SmallStopThresholdSeconds = settings.SmallStopThresholdSeconds, StartupPeriodSeconds = settings.StartupPeriodSeconds, Rules = [.. settings.Rules],
    };

    private static async Task<double> IdealSecondsAsync(TestDatabase database, Guid tenant, Guid machine, DateTimeOffset minute)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        return (await db.MachineBuckets.AsNoTracking().Where(b => b.MachineId == machine && b.Size == BucketSize.Minute).ToListAsync(Ct))
            .Single(b => b.Start == minute).IdealSecondsTotal;
    }

    private static async Task<string?> LossSumsKeyAsync(TestDatabase database, Guid tenant, Guid machine)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        return await db.Machines.AsNoTracking().Where(m => m.Id == machine).Select(m => m.LossSumsKey).SingleAsync(Ct);
    }

    /// <summary>Every command EF sends through the contexts it is added to.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        /// <summary>Called as a command reading settings is about to run.</summary>
        public Action? OnSettingsRead { get; set; }

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            _texts.Enqueue(result.CommandText);
            if (ReadsSettings(result.CommandText)) OnSettingsRead?.Invoke();
            return result;
        }

        public void Clear() => _texts.Clear();

        /// <summary>Commands reading the loss settings or the machines' cycle times.</summary>
        public List<string> SettingsReads() => _texts.Where(ReadsSettings).ToList();

        private static bool ReadsSettings(string text) =>
            text.Contains(nameof(AppDbContext.KpiSettings), StringComparison.Ordinal) || text.Contains(nameof(Machine.IdealCycleTimeSeconds), StringComparison.Ordinal);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = T0;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

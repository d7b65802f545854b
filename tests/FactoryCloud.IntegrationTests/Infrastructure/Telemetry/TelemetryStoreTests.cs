using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Telemetry;

/// <summary>The processor's storage step on both providers: idempotent, order-independent, exact, per tenant.</summary>
public sealed class TelemetryStoreTests(DatabaseServers servers)
{
    /// <summary>Two minutes before a full hour, so short scenarios cross minute and hour boundaries.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 7, 58, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StoringTheSameBatchAgainChangesNothing(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0, new() { ["sku-1"] = 1.5 });
        AcceptedTelemetry[] batch =
        [
            device.State(T0.AddSeconds(1), MachineState.Running),
            device.Count(T0.AddSeconds(20), 10, 1, "sku-1"),
            device.State(T0.AddSeconds(95), MachineState.Idle),
            device.State(T0.AddSeconds(40.5), MachineState.Down, "jam"),
            device.Energy(T0.AddSeconds(50), 0.25),
            device.Count(T0.AddSeconds(130), 4),
        ];

        var first = await store.StoreAsync(batch, Ct);
        var before = await SnapshotAsync(database, pair.A, device.MachineId);
        var again = await store.StoreAsync(batch, Ct);
        var reversed = await store.StoreAsync(batch.Reverse().ToList(), Ct);
        var after = await SnapshotAsync(database, pair.A, device.MachineId);

        Assert.Equal(new TelemetryStoreResult(6, 0), first);
        Assert.Equal(new TelemetryStoreResult(0, 6), again);
        Assert.Equal(new TelemetryStoreResult(0, 6), reversed);
        Assert.Equal(before, after);
        Assert.Equal(6, after.Events);
        Assert.Equal(3, after.States.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMessageRepeatedWithinAndAcrossBatchesIsAppliedOnce(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var count = device.Count(T0.AddSeconds(5), 3);
        var running = device.State(T0.AddSeconds(1), MachineState.Running);
        var idle = device.State(T0.AddSeconds(31), MachineState.Idle);
        var later = device.Count(T0.AddSeconds(6), 2);

        var first = await store.StoreAsync([count, running, count, idle, running, count], Ct);
        var second = await store.StoreAsync([later, count, idle], Ct);

        Assert.Equal(new TelemetryStoreResult(3, 3), first);
        Assert.Equal(new TelemetryStoreResult(1, 2), second);
        var minute = Assert.Single(await BucketsAsync(database, pair.A, device.MachineId, BucketSize.Minute));
        Assert.Equal(5, minute.GoodCount);
        Assert.Equal(30, minute.RunSeconds);
        Assert.Equal(4, minute.MessageCount);
        Assert.Equal(4, (await SnapshotAsync(database, pair.A, device.MachineId)).Events);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CountsSumIntoTheirMinuteHourDayAndWeekBucketsWithTheProductsIdealCycleTime(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0, new() { ["sku-1"] = 1.5 });

        await store.StoreAsync(
        [
            device.Count(T0.AddSeconds(10), 10, 1, "sku-1"),
            device.Count(T0.AddSeconds(50), 4),
            device.Count(T0.AddSeconds(90), 3, 0, "sku-2"),
            device.Count(T0.AddSeconds(125), 2, 0, "sku-1"),
        ], Ct);

        var buckets = await BucketsAsync(database, pair.A, device.MachineId);
        AssertCounts(buckets, BucketSize.Minute, T0, good: 14, scrap: 1, idealTotal: (1.5 * 11) + (2.0 * 4), idealGood: (1.5 * 10) + (2.0 * 4), messages: 2);
        AssertCounts(buckets, BucketSize.Minute, T0.AddMinutes(1), good: 3, scrap: 0, idealTotal: 6, idealGood: 6, messages: 1);
        AssertCounts(buckets, BucketSize.Minute, T0.AddMinutes(2), good: 2, scrap: 0, idealTotal: 3, idealGood: 3, messages: 1);
        AssertCounts(buckets, BucketSize.Hour, T0.AddMinutes(-58), good: 17, scrap: 1, idealTotal: 30.5, idealGood: 29, messages: 3);
        AssertCounts(buckets, BucketSize.Hour, T0.AddMinutes(2), good: 2, scrap: 0, idealTotal: 3, idealGood: 3, messages: 1);
        // Friday 2026-11-20, UTC: its day, and the week from Monday the 16th.
        AssertCounts(buckets, BucketSize.Day, new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), good: 19, scrap: 1, idealTotal: 33.5, idealGood: 32, messages: 4);
        AssertCounts(buckets, BucketSize.Week, new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), good: 19, scrap: 1, idealTotal: 33.5, idealGood: 32, messages: 4);
        Assert.Equal(7, buckets.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StateChangesArrivingOutOfOrderGiveTheSameBucketsAsInOrder(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var inOrder = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var shuffled = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var random = new Random(20261120);
        var changes = new List<(DateTimeOffset At, MachineState State, string? Reason)>();
        var at = T0.AddTicks(1234);
        string?[] reasons = [null, "jam", "material"];
        for (var i = 0; i < 40; i++)
        {
            var state = (MachineState)random.Next(6);
            changes.Add((at, state, state == MachineState.Down ? reasons[random.Next(3)] : null));
            at = at.AddTicks(random.Next(1, 4_000_000) * 1000L); // up to 400 s, on 100 µs
        }
        var order = Enumerable.Range(0, changes.Count).OrderBy(_ => random.Next()).ToList();

        await store.StoreAsync(changes.Select(c => inOrder.State(c.At, c.State, c.Reason)).ToList(), Ct);
        foreach (var chunk in order.Select(i => changes[i]).Chunk(7))
            await store.StoreAsync(chunk.Select(c => shuffled.State(c.At, c.State, c.Reason)).ToList(), Ct);

        var expected = await SnapshotAsync(database, pair.A, inOrder.MachineId);
        var actual = await SnapshotAsync(database, pair.A, shuffled.MachineId);
        Assert.Equal(Rounded(expected.Buckets), Rounded(actual.Buckets));
        Assert.Equal(Rounded(expected.Downtime), Rounded(actual.Downtime));
        Assert.Equal(expected.States, actual.States);
        // The buckets hold every closed interval, from the first change to the last, exactly once.
        var closed = (changes[^1].At - changes[0].At).TotalSeconds;
        foreach (var size in BucketSizes.All)
            Assert.Equal(closed, actual.Buckets.Where(b => b.Size == size).Sum(b => b.StateSeconds), 6);
        Assert.True(actual.Buckets.Count(b => b.Size == BucketSize.Hour) >= 2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnIntervalCrossingMinuteAndHourBoundariesIsSplitExactly(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);

        await store.StoreAsync(
        [
            device.State(T0.AddSeconds(59.25), MachineState.Running),
            device.State(T0.AddSeconds(180.5), MachineState.Down, "jam"),
            device.State(T0.AddSeconds(210), MachineState.Idle),
        ], Ct);

        var buckets = await BucketsAsync(database, pair.A, device.MachineId);
        var minutes = buckets.Where(b => b.Size == BucketSize.Minute).ToList();
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(3)], minutes.Select(b => b.Start));
        Assert.Equal([0.75, 60, 60, 0.5], minutes.Select(b => b.RunSeconds));
        Assert.Equal([0, 0, 0, 29.5], minutes.Select(b => b.DownSeconds));
        var hours = buckets.Where(b => b.Size == BucketSize.Hour).ToList();
        Assert.Equal([T0.AddMinutes(-58), T0.AddMinutes(2)], hours.Select(b => b.Start));
        Assert.Equal([60.75, 60.5], hours.Select(b => b.RunSeconds));
        Assert.Equal([0, 29.5], hours.Select(b => b.DownSeconds));
        Assert.All(buckets, b => Assert.Equal(0, b.IdleSeconds)); // the latest state is still open
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DowntimeIsKeptPerReasonAndMovesWhenALateChangeSplitsIt(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);

        await store.StoreAsync(
        [
            device.State(T0, MachineState.Down, "jam"),
            device.State(T0.AddSeconds(10), MachineState.Down),
            device.State(T0.AddSeconds(25), MachineState.Down, "material"),
            device.State(T0.AddSeconds(40), MachineState.Running),
        ], Ct);
        // Arriving late: the jam was cleared at 5 s and the machine ran until the unexplained stop at 10 s.
        await store.StoreAsync([device.State(T0.AddSeconds(5), MachineState.Running)], Ct);

        var downtime = (await DowntimeAsync(database, pair.A, device.MachineId)).Where(d => d.Size == BucketSize.Minute).ToList();
        Assert.Equal(5, downtime.Single(d => d.Reason == "jam").DownSeconds);
        Assert.Equal(15, downtime.Single(d => d.Reason == MachineDowntimeBucket.NoReason).DownSeconds);
        Assert.Equal(15, downtime.Single(d => d.Reason == "material").DownSeconds);
        var minute = Assert.Single(await BucketsAsync(database, pair.A, device.MachineId, BucketSize.Minute));
        Assert.Equal(35, minute.DownSeconds);
        Assert.Equal(5, minute.RunSeconds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ASecondStateAtTheSameInstantReplacesTheFirst(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);

        await store.StoreAsync(
        [
            device.State(T0, MachineState.Running),
            device.State(T0.AddSeconds(10), MachineState.Down, "jam"),
            device.State(T0.AddSeconds(10), MachineState.Idle), // later in the batch: wins
            device.State(T0.AddSeconds(40), MachineState.Running),
        ], Ct);
        await store.StoreAsync([device.State(T0.AddSeconds(40), MachineState.Changeover)], Ct);
        await store.StoreAsync([device.State(T0.AddSeconds(10), MachineState.Down, "material")], Ct);
        await store.StoreAsync([device.State(T0.AddSeconds(50), MachineState.Running)], Ct);

        var snapshot = await SnapshotAsync(database, pair.A, device.MachineId);
        Assert.Equal(
            new (DateTimeOffset, MachineState, string?)[]
            {
                (T0, MachineState.Running, null), (T0.AddSeconds(10), MachineState.Down, "material"),
                (T0.AddSeconds(40), MachineState.Changeover, null), (T0.AddSeconds(50), MachineState.Running, null),
            },
            snapshot.States);
        var minute = snapshot.Buckets.Single(b => b.Size == BucketSize.Minute);
        Assert.Equal((10.0, 0.0, 30.0, 10.0), (minute.Run, minute.Idle, minute.Down, minute.Changeover));
        Assert.Equal(new[] { ("material", 30.0) }, snapshot.Downtime.Where(d => d.Size == BucketSize.Minute && d.Seconds != 0).Select(d => (d.Reason, d.Seconds)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EnergyIncrementsSumPerBucketAndOtherValuesStayInTheRawEvents(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);

        await store.StoreAsync(
        [
            device.Energy(T0.AddSeconds(5), 0.25),
            device.Energy(T0.AddSeconds(20), 0.5),
            device.Measure(T0.AddSeconds(30), """{"temperature_c": 80.5}"""),
            device.Energy(T0.AddSeconds(70), 1.0),
        ], Ct);

        var buckets = await BucketsAsync(database, pair.A, device.MachineId);
        Assert.Equal([0.75, 1.0], buckets.Where(b => b.Size == BucketSize.Minute).Select(b => b.EnergyKwh));
        Assert.Equal([3L, 1L], buckets.Where(b => b.Size == BucketSize.Minute).Select(b => b.MessageCount));
        Assert.Equal(1.75, buckets.Single(b => b.Size == BucketSize.Hour).EnergyKwh);
        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));
        Assert.Contains(await db.TelemetryEvents.Select(e => e.Payload).ToListAsync(Ct), p => p.Contains("80.5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMixedTenantBatchWritesEachTenantsRowsUnderItsOwnTenant(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var a = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var b = await TelemetryTestDevice.CreateAsync(database, pair.B);

        var result = await store.StoreAsync(
        [
            a.State(T0, MachineState.Running), b.State(T0, MachineState.Down, "jam"),
            a.Count(T0.AddSeconds(3), 5), b.Count(T0.AddSeconds(4), 1),
            a.State(T0.AddSeconds(30), MachineState.Idle), b.Energy(T0.AddSeconds(5), 2),
            b.State(T0.AddSeconds(20), MachineState.Running),
        ], Ct);

        Assert.Equal(new TelemetryStoreResult(7, 0), result);
        foreach (var (tenant, own, other, events) in new[] { (pair.A, a, b, 3), (pair.B, b, a, 4) })
        {
            await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
            var stored = await db.TelemetryEvents.ToListAsync(Ct);
            Assert.Equal(events, stored.Count);
            Assert.All(stored, e => Assert.Equal((tenant, own.MachineId), (e.TenantId, e.MachineId)));
            Assert.All(await db.MachineStateChanges.ToListAsync(Ct), c => Assert.Equal((tenant, own.MachineId), (c.TenantId, c.MachineId)));
            var buckets = await db.MachineBuckets.ToListAsync(Ct);
            Assert.NotEmpty(buckets);
            Assert.All(buckets, x => Assert.Equal((tenant, own.MachineId), (x.TenantId, x.MachineId)));
            Assert.All(await db.MachineDowntimeBuckets.ToListAsync(Ct), x => Assert.Equal((tenant, own.MachineId), (x.TenantId, x.MachineId)));
            if (provider == DatabaseProvider.Postgres) // row-level security hides them even without the query filter
                Assert.Empty(await db.MachineBuckets.IgnoreQueryFilters([AppDbContext.TenantFilter]).Where(x => x.MachineId == other.MachineId).ToListAsync(Ct));
        }
        var minuteB = Assert.Single(await BucketsAsync(database, pair.B, b.MachineId, BucketSize.Minute));
        Assert.Equal((20.0, 0.0, 1L, 2.0), (minuteB.DownSeconds, minuteB.RunSeconds, minuteB.GoodCount, minuteB.EnergyKwh));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMessageForAMachineOfAnotherTenantIsSkipped(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var a = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var forged = new TelemetryTestDevice(pair.B, a.MachineId);

        var result = await store.StoreAsync([forged.Count(T0, 5), forged.State(T0, MachineState.Running)], Ct);

        Assert.Equal(new TelemetryStoreResult(0, 0), result);
        foreach (var tenant in new[] { pair.A, pair.B })
        {
            await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
            Assert.Empty(await db.TelemetryEvents.ToListAsync(Ct));
            Assert.Empty(await db.MachineBuckets.ToListAsync(Ct));
        }
        Assert.Null((await SnapshotAsync(database, pair.A, a.MachineId)).LastSeenAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FirstSeenAndLastSeenAreTheEarliestAndLatestReceivedAt(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var fresh = await SnapshotAsync(database, pair.A, device.MachineId);

        await store.StoreAsync([device.Count(T0.AddSeconds(30), 1), device.Count(T0, 1)], Ct);
        var first = await SnapshotAsync(database, pair.A, device.MachineId);
        device.Delay = TimeSpan.FromHours(2); // a backfill: old ts, received now
        await store.StoreAsync([device.Count(T0.AddHours(-1), 1)], Ct);
        var backfilled = await SnapshotAsync(database, pair.A, device.MachineId);
        device.Delay = TimeSpan.FromSeconds(1); // received before everything else, processed last
        await store.StoreAsync([device.Count(T0.AddSeconds(-10), 1)], Ct);
        var late = await SnapshotAsync(database, pair.A, device.MachineId);

        Assert.Equal((null, null), (fresh.FirstSeenAt, fresh.LastSeenAt));
        Assert.Equal((T0.AddSeconds(2), T0.AddSeconds(32)), (first.FirstSeenAt, first.LastSeenAt));
        Assert.Equal((T0.AddSeconds(2), T0.AddHours(1)), (backfilled.FirstSeenAt, backfilled.LastSeenAt));
        Assert.Equal((T0.AddSeconds(-9), T0.AddHours(1)), (late.FirstSeenAt, late.LastSeenAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ValuesAtTheContractsLimitsAreStoredWithoutFailingTheBatch(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);

        // Sums that overflow in memory (one batch) and in the database (the next batch) saturate.
        await store.StoreAsync([device.Count(T0, long.MaxValue), device.Count(T0.AddSeconds(1), long.MaxValue), device.Energy(T0, 1e308)], Ct);
        await store.StoreAsync([device.Count(T0.AddSeconds(2), long.MaxValue, long.MaxValue), device.Energy(T0.AddSeconds(1), 1e308)], Ct);
        // PostgreSQL text cannot hold U+0000, which JSON can escape.
        await store.StoreAsync([device.State(T0, MachineState.Down, "a\\u0000b"), device.State(T0.AddSeconds(5), MachineState.Running)], Ct);

        var minute = Assert.Single(await BucketsAsync(database, pair.A, device.MachineId, BucketSize.Minute));
        Assert.Equal((long.MaxValue, long.MaxValue, double.MaxValue), (minute.GoodCount, minute.ScrapCount, minute.EnergyKwh));
        Assert.Equal(2.0 * 4 * long.MaxValue, minute.IdealSecondsTotal, 1e6);
        Assert.Equal("a\uFFFDb", (await SnapshotAsync(database, pair.A, device.MachineId)).States[0].Reason);
        Assert.Equal(5, (await DowntimeAsync(database, pair.A, device.MachineId)).First(d => d.Reason == "a\uFFFDb").DownSeconds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheRawPayloadIsStoredUnchanged(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);
        const string payload = "{ \"state\" :\t\"down\",  \"reason\":\"Stau \\u00fc – ü\", \"x-extra\": {\"a\": [1, 2.50]},\n \"ts\":\"2026-11-20T08:58:00.1234567+01:00\" }";
        var message = device.Raw(TelemetryChannel.State, T0, payload);

        await store.StoreAsync([message], Ct);

        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));
        var stored = await db.TelemetryEvents.SingleAsync(Ct);
        Assert.Equal(payload, stored.Payload);
        Assert.Equal((message.DedupKey, message.DeviceId, message.MachineId, TelemetryChannel.State), (stored.DedupKey, stored.DeviceId, stored.MachineId, stored.Channel));
        Assert.Equal(T0.AddTicks(1234567), stored.Timestamp, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps µs, SQLite 100 µs
        Assert.Equal(T0.AddSeconds(2), stored.ReceivedAt);
        var change = await db.MachineStateChanges.SingleAsync(Ct);
        Assert.Equal((T0.AddTicks(1234000), MachineState.Down, "Stau ü – ü"), (change.At, change.State, change.Reason));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BucketsAddUpToTheKpiCalculatorOverTheClosedIntervals(DatabaseProvider provider)
    {
        var (database, pair, store) = await SetUpAsync(provider);
        var products = new Dictionary<string, double> { ["sku-1"] = 1.5 };
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0, products);
        StateChange[] states =
        [
            new(T0.AddSeconds(3), MachineState.Running), new(T0.AddSeconds(50.5), MachineState.Down, "jam"),
            new(T0.AddSeconds(95.25), MachineState.Running), new(T0.AddSeconds(130), MachineState.Idle),
            new(T0.AddSeconds(150), MachineState.Changeover), new(T0.AddSeconds(200), MachineState.Down),
            new(T0.AddSeconds(230), MachineState.PlannedStop), new(T0.AddSeconds(260), MachineState.Offline),
            new(T0.AddSeconds(280), MachineState.Running), new(T0.AddSeconds(300), MachineState.Running),
            new(T0.AddSeconds(305), MachineState.Down, "jam"), new(T0.AddSeconds(330), MachineState.Idle),
        ];
        ProductionCount[] counts = [new(T0.AddSeconds(10), 5, 1, "sku-1"), new(T0.AddSeconds(100), 7, 0), new(T0.AddSeconds(290), 3, 2, "sku-2")];
        EnergyIncrement[] energy = [new(T0.AddSeconds(20), 0.5), new(T0.AddSeconds(140), 0.25), new(T0.AddSeconds(255), 0.125)];
        var messages = states.Select(s => device.State(s.At, s.State, s.Reason))
            .Concat(counts.Select(c => device.Count(c.At, c.Good, c.Scrap, c.Product)))
            .Concat(energy.Select(e => device.Energy(e.At, e.Kwh)))
            .ToList();

        await store.StoreAsync(messages, Ct);

        var window = new TimeWindow(states[0].At, states[^1].At);
        var inputs = new MachineKpiInputs(states, counts, new IdealCycleTimes(TimeSpan.FromSeconds(2), products.ToDictionary(p => p.Key, p => TimeSpan.FromSeconds(p.Value))), Energy: energy);
        var settings = LossSettings.Default with { SmallStopThreshold = TimeSpan.Zero };
        var expected = KpiCalculator.ForMachine(window, inputs, settings);
        var expectedDowntime = KpiCalculator.DowntimeByReason(window, inputs, settings);
        var buckets = await BucketsAsync(database, pair.A, device.MachineId);
        var downtime = await DowntimeAsync(database, pair.A, device.MachineId);
        foreach (var size in BucketSizes.All)
        {
            var totals = KpiTotals.Sum(buckets.Where(b => b.Size == size).Select(ToKpiTotals));
            Assert.Equal(Rounded(expected with { BreakdownEpisodes = 0 }), Rounded(totals));
            Assert.Equal(
                expectedDowntime.Select(d => (d.Reason ?? MachineDowntimeBucket.NoReason, Math.Round(d.Seconds, 6))).OrderBy(d => d.Item1),
                downtime.Where(d => d.Size == size).GroupBy(d => d.Reason).Select(g => (g.Key, Math.Round(g.Sum(d => d.DownSeconds), 6))).OrderBy(d => d.Key));
        }
    }

    /// <summary>Bucket sums as KpiTotals with the default loss mapping, no shift calendar and no small stops.</summary>
    private static KpiTotals ToKpiTotals(MachineBucket b) => new()
    {
        PlannedSeconds = b.RunSeconds + b.IdleSeconds + b.DownSeconds + b.ChangeoverSeconds + b.OfflineSeconds,
        RunSeconds = b.RunSeconds,
        BreakdownSeconds = b.DownSeconds,
        SetupSeconds = b.ChangeoverSeconds,
        IdleSeconds = b.IdleSeconds,
        OfflineSeconds = b.OfflineSeconds,
        PlannedStopSeconds = b.PlannedStopSeconds,
        GoodCount = b.GoodCount,
        ScrapCount = b.ScrapCount,
        IdealSecondsTotal = b.IdealSecondsTotal,
        IdealSecondsGood = b.IdealSecondsGood,
        EnergyKwh = b.EnergyKwh,
    };

    private static KpiTotals Rounded(KpiTotals t) => t with
    {
        PlannedSeconds = Math.Round(t.PlannedSeconds, 6), RunSeconds = Math.Round(t.RunSeconds, 6),
        BreakdownSeconds = Math.Round(t.BreakdownSeconds, 6), SetupSeconds = Math.Round(t.SetupSeconds, 6),
        IdleSeconds = Math.Round(t.IdleSeconds, 6), OfflineSeconds = Math.Round(t.OfflineSeconds, 6),
        PlannedStopSeconds = Math.Round(t.PlannedStopSeconds, 6), IdealSecondsTotal = Math.Round(t.IdealSecondsTotal, 6),
        IdealSecondsGood = Math.Round(t.IdealSecondsGood, 6), EnergyKwh = Math.Round(t.EnergyKwh, 6),
    };

    private static List<BucketRow> Rounded(IEnumerable<BucketRow> rows) => rows.Select(r => r with
    {
        Run = Math.Round(r.Run, 6), Idle = Math.Round(r.Idle, 6), Down = Math.Round(r.Down, 6),
        Changeover = Math.Round(r.Changeover, 6), PlannedStop = Math.Round(r.PlannedStop, 6), Offline = Math.Round(r.Offline, 6),
    }).ToList();

    private static List<DowntimeRow> Rounded(IEnumerable<DowntimeRow> rows) =>
        rows.Where(r => Math.Abs(r.Seconds) > 1e-6).Select(r => r with { Seconds = Math.Round(r.Seconds, 6) }).ToList();

    private static void AssertCounts(
        List<MachineBucket> buckets, BucketSize size, DateTimeOffset start, long good, long scrap, double idealTotal, double idealGood, long messages)
    {
        var bucket = buckets.Single(b => b.Size == size && b.Start == start);
        Assert.Equal((good, scrap, idealTotal, idealGood, messages), (bucket.GoodCount, bucket.ScrapCount, bucket.IdealSecondsTotal, bucket.IdealSecondsGood, bucket.MessageCount));
    }

    private async Task<(TestDatabase Database, TenantPair Pair, TelemetryStore Store)> SetUpAsync(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        return (database, await TenantPair.CreateAsync(database), new TelemetryStore(database.Contexts, database.IngestionSettings, NullLogger<TelemetryStore>.Instance));
    }

    private static async Task<List<MachineBucket>> BucketsAsync(TestDatabase database, Guid tenant, Guid machine, BucketSize? size = null)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        var rows = await db.MachineBuckets.AsNoTracking().Where(b => b.MachineId == machine).ToListAsync(Ct);
        return rows.Where(b => size is null || b.Size == size).OrderBy(b => b.Size).ThenBy(b => b.Start).ToList();
    }

    private static async Task<List<MachineDowntimeBucket>> DowntimeAsync(TestDatabase database, Guid tenant, Guid machine)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        var rows = await db.MachineDowntimeBuckets.AsNoTracking().Where(b => b.MachineId == machine).ToListAsync(Ct);
        return rows.OrderBy(b => b.Size).ThenBy(b => b.Start).ThenBy(b => b.Reason, StringComparer.Ordinal).ToList();
    }

    private static async Task<Snapshot> SnapshotAsync(TestDatabase database, Guid tenant, Guid machineId)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        var machine = await db.Machines.AsNoTracking().SingleAsync(m => m.Id == machineId, Ct);
        var events = await db.TelemetryEvents.CountAsync(e => e.MachineId == machineId, Ct);
        var states = (await db.MachineStateChanges.AsNoTracking().Where(c => c.MachineId == machineId).ToListAsync(Ct))
            .OrderBy(c => c.At).Select(c => (c.At, c.State, c.Reason)).ToList();
        var buckets = (await BucketsAsync(database, tenant, machineId)).Select(b => new BucketRow(
            b.Size, b.Start, b.RunSeconds, b.IdleSeconds, b.DownSeconds, b.ChangeoverSeconds, b.PlannedStopSeconds, b.OfflineSeconds,
            b.GoodCount, b.ScrapCount, b.IdealSecondsTotal, b.IdealSecondsGood, b.EnergyKwh, b.MessageCount)).ToList();
        var downtime = (await DowntimeAsync(database, tenant, machineId)).Select(d => new DowntimeRow(d.Size, d.Start, d.Reason, d.DownSeconds)).ToList();
        return new Snapshot(events, states, buckets, downtime, machine.FirstSeenAt, machine.LastSeenAt);
    }

    private sealed record Snapshot(
        int Events, List<(DateTimeOffset At, MachineState State, string? Reason)> States, List<BucketRow> Buckets, List<DowntimeRow> Downtime,
        DateTimeOffset? FirstSeenAt, DateTimeOffset? LastSeenAt)
    {
        public bool Equals(Snapshot? other) =>
            other is not null && Events == other.Events && States.SequenceEqual(other.States) && Buckets.SequenceEqual(other.Buckets)
            && Downtime.SequenceEqual(other.Downtime) && FirstSeenAt == other.FirstSeenAt && LastSeenAt == other.LastSeenAt;

        public override int GetHashCode() => Events;
    }

    private sealed record BucketRow(
        BucketSize Size, DateTimeOffset Start, double Run, double Idle, double Down, double Changeover, double PlannedStop, double Offline,
        long Good, long Scrap, double IdealTotal, double IdealGood, double EnergyKwh, long Messages)
    {
        public double StateSeconds => Run + Idle + Down + Changeover + PlannedStop + Offline;
    }

    private sealed record DowntimeRow(BucketSize Size, DateTimeOffset Start, string Reason, double Seconds);
}

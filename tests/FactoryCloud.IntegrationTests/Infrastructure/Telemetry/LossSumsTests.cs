using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Telemetry;

/// <summary>
/// The processor's exact sums (loss episodes classified by their full length, Running and PlannedStop ticks, carried
/// breakdowns, the open run) on both providers: whatever order and batches the changes arrive in, the stored sums are
/// those of the whole timeline computed at once.
/// </summary>
public sealed class LossSumsTests(DatabaseServers servers)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 7, 58, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangesArrivingOutOfOrderInBatchesGiveTheSumsOfTheWholeTimeline(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var store = new TelemetryStore(database.Contexts, database.IngestionSettings, NullLogger<TelemetryStore>.Instance);
        var device = await TelemetryTestDevice.CreateAsync(database, pair.A);
        var random = new Random(4);
        var changes = new List<(DateTimeOffset At, MachineState State, string? Reason)>();
        var at = T0.AddTicks(1234);
        string?[] reasons = [null, "jam", "material"];
        for (var i = 0; i < 60; i++)
        {
            // A third are repeats of the previous state: runs whose episodes late changes split and join.
            var state = i > 0 && random.Next(3) == 0 ? changes[^1].State : (MachineState)random.Next(6);
            var reason = i > 0 && state == changes[^1].State ? changes[^1].Reason : state == MachineState.Down ? reasons[random.Next(3)] : null;
            changes.Add((at, state, reason));
            at = at.AddTicks(random.Next(1, 3_000_000) * 1000L); // up to 300 s, on 100 µs: stops on both sides of 2 min
        }
        foreach (var chunk in changes.OrderBy(_ => random.Next()).Chunk(9))
            await store.StoreAsync(chunk.Select(c => device.State(c.At, c.State, c.Reason)).ToList(), Ct);

        var expected = WholeTimeline(device.MachineId, changes.Select(c => new MachineStateChange
        {
            MachineId = device.MachineId, At = MachineStateChange.Normalize(c.At), State = c.State, Reason = c.Reason,
        }).ToList());
        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));
        var buckets = await db.MachineBuckets.AsNoTracking().Where(b => b.MachineId == device.MachineId).ToListAsync(Ct);
        var downtime = await db.MachineDowntimeBuckets.AsNoTracking().Where(b => b.MachineId == device.MachineId).ToListAsync(Ct);
        var machine = await db.Machines.AsNoTracking().SingleAsync(m => m.Id == device.MachineId, Ct);

        Assert.Equal(expected.Buckets, buckets.Select(ExactSums).Where(b => b.Sums.Any(s => s != 0)).OrderBy(b => b.Key).ToList());
        Assert.Equal(expected.Downtime, downtime.Select(ExactSums).Where(b => b.Sums.Any(s => s != 0)).OrderBy(b => b.Key).ToList());
        Assert.Equal(expected.OpenRunStart, machine.OpenRunStart);
        Assert.Equal(LossSettings.Default.LossSumsKey(), machine.LossSumsKey);
    }

    private sealed record Row(string Key, long[] Sums)
    {
        public bool Equals(Row? other) => other is not null && Key == other.Key && Sums.SequenceEqual(other.Sums);

        public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => $"{Key}: {string.Join(", ", Sums)}";
    }

    private static (List<Row> Buckets, List<Row> Downtime, DateTimeOffset? OpenRunStart) WholeTimeline(Guid machineId, List<MachineStateChange> timeline)
    {
        var buckets = new BucketAccumulator(exactSumsOnly: true);
        for (var i = 0; i + 1 < timeline.Count; i++)
            buckets.AddStateTime(machineId, timeline[i].State, timeline[i].Reason, timeline[i].At, timeline[i + 1].At, 1);
        foreach (var episode in MachineStateTimeline.ClosedLossEpisodes(timeline, LossSettings.Default))
            buckets.AddLossEpisode(machineId, episode.Reason, episode.Start, episode.End, episode.Category, 1);
        return (
            buckets.Buckets(Guid.Empty).Select(ExactSums).Where(b => b.Sums.Any(s => s != 0)).OrderBy(b => b.Key).ToList(),
            buckets.DowntimeBuckets(Guid.Empty).Select(ExactSums).Where(b => b.Sums.Any(s => s != 0)).OrderBy(b => b.Key).ToList(),
            MachineStateTimeline.LastRunStartOf(timeline));
    }

    private static Row ExactSums(MachineBucket b) => new(
        $"{b.Size} {b.Start:O}",
        [b.RunTicks, b.PlannedStopTicks, b.BreakdownTicks, b.SmallStopTicks, b.SetupTicks, b.IdleLossTicks, b.OfflineLossTicks, b.NoDataLossTicks, b.BreakdownEpisodes]);

    private static Row ExactSums(MachineDowntimeBucket b) => new(
        $"{b.Size} {b.Start:O} {b.Reason}", [b.BreakdownTicks, b.BreakdownEpisodes, b.CarriedBreakdowns, b.CarriedBreakdownStartTicks]);
}

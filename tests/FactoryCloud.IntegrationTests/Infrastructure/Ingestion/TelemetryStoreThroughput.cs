using System.Diagnostics;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Ingestion;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Ingestion;

/// <summary>
/// A measurement, not a test: runs only when asked for explicitly and asserts nothing about time. It writes messages
/// per second to the test output and, when <c>FC_THROUGHPUT_FILE</c> is set, appends them to that file:
/// <c>FC_THROUGHPUT_FILE=/tmp/tp.txt dotnet test --project tests/FactoryCloud.IntegrationTests -- --filter-class "*TelemetryStoreThroughput" --explicit only</c>.
/// </summary>
public sealed class TelemetryStoreThroughput(DatabaseServers servers)
{
    [Theory(Explicit = true)]
    [InlineData(DatabaseProvider.Postgres, 10_000)]
    [InlineData(DatabaseProvider.Postgres, 2_000)]
    [InlineData(DatabaseProvider.Sqlite, 10_000)]
    public async Task MessagesPerSecond(DatabaseProvider provider, int batchSize)
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var devices = new List<TelemetryTestDevice>();
        for (var i = 0; i < 50; i++) devices.Add(await TelemetryTestDevice.CreateAsync(database, pair.A, 2.0, new() { ["sku-1"] = 1.5 }));
        var store = new TelemetryStore(database.Contexts, NullLogger<TelemetryStore>.Instance);
        var random = new Random(7);
        var clock = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

        List<AcceptedTelemetry> NextBatch(int size)
        {
            var batch = new List<AcceptedTelemetry>(size);
            for (var i = 0; i < size; i++)
            {
                var device = devices[i % devices.Count];
                clock = clock.AddTicks(TimeSpan.TicksPerMillisecond / 2); // 2,000 messages per second of machine time
                var kind = random.Next(10);
                batch.Add(kind switch
                {
                    0 => device.State(clock, (MachineState)random.Next(6), "jam"),
                    < 7 => device.Count(clock, random.Next(1, 5), random.Next(2), random.Next(2) == 0 ? "sku-1" : null),
                    _ => device.Energy(clock, 0.01),
                });
            }
            return batch;
        }

        await store.StoreAsync(NextBatch(1_000), ct); // warm-up: JIT, pools, plans
        for (var round = 1; round <= 3; round++)
        {
            var batch = NextBatch(batchSize);
            var watch = Stopwatch.StartNew();
            var result = await store.StoreAsync(batch, ct);
            var stored = watch.Elapsed;
            watch.Restart();
            var again = await store.StoreAsync(batch, ct);
            var redelivered = watch.Elapsed;
            var line =
                $"{provider} batch {batchSize} round {round}: {result.Applied} applied in {stored.TotalMilliseconds:F0} ms = {batchSize / stored.TotalSeconds:F0} msg/s; " +
                $"redelivered ({again.Duplicates} duplicates) in {redelivered.TotalMilliseconds:F0} ms = {batchSize / redelivered.TotalSeconds:F0} msg/s";
            output.WriteLine(line);
            if (Environment.GetEnvironmentVariable("FC_THROUGHPUT_FILE") is { Length: > 0 } file) await File.AppendAllTextAsync(file, line + "\n", ct);
        }
    }
}

using System.Diagnostics;
using System.Text;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Telemetry.Store;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Benchmarks;

/// <summary>The processor's write step alone: accepted messages into raw events and buckets, on PostgreSQL.</summary>
internal static class StoreThroughput
{
    public static async Task<double> MeasureAsync(BenchmarkDatabase database, int batchSize, int batches)
    {
        var store = database.Services.GetRequiredService<ITelemetryStore>();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var total = TimeSpan.Zero;
        for (var b = 0; b < batches; b++)
        {
            var batch = Enumerable.Range(0, batchSize).Select(i =>
            {
                var seq = (long)b * batchSize + i;
                var ts = start.AddMilliseconds(seq * 5);
                var payload = Encoding.UTF8.GetString(Publisher.CountPayload(seq, ts));
                return new AcceptedTelemetry(database.TenantId, database.MachineIds[i % database.MachineIds.Count], database.DeviceId,
                    $"store-bench:{seq}", TelemetryChannel.Count, ts, payload, DateTimeOffset.UtcNow);
            }).ToList();
            var stopwatch = Stopwatch.StartNew();
            await store.StoreAsync(batch, CancellationToken.None);
            total += stopwatch.Elapsed;
        }
        return batchSize * batches / total.TotalSeconds;
    }
}

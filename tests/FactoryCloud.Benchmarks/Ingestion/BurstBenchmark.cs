using System.Diagnostics;
using MQTTnet;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// A burst at three times a steady rate, held for a while, against the embedded default: 200 device connections
/// publish paced (every 100 ms each sends its share), while the health API's lag and the app's working set are sampled
/// every second; then the time until the KPI API counts every message. The backlog is bounded if it drains within
/// twice the burst's length, and memory is flat if the working set does not grow with the backlog.
/// </summary>
internal static class BurstBenchmark
{
    /// <param name="Duration">From the first publish until the last acknowledgement.</param>
    /// <param name="Drain">From the last acknowledgement until the KPI API counted everything.</param>
    public sealed record Result(double OfferedRate, double AcknowledgedRate, TimeSpan Duration, TimeSpan Drain, long PeakWaiting, double PeakWaitSeconds,
        long WorkingSetStartMiB, long WorkingSetPeakMiB, long WorkingSetEndMiB);

    public static async Task<Result> RunAsync(WebAppProcess app, BenchmarkPlant plant, IReadOnlyList<DeviceCredentials> devices, long countedBefore,
        (DateTimeOffset From, DateTimeOffset To) window, double steadyRate, TimeSpan duration)
    {
        var rate = 3 * steadyRate;
        var clients = new List<IMqttClient>();
        foreach (var device in devices) clients.Add(await OutsidePublishersBenchmark.ConnectAsync(app.MqttPort, device));
        var perTickPerClient = rate / 10 / clients.Count;
        long published = 0, waitingPeak = 0;
        double waitPeak = 0;
        long memoryStart = app.WorkingSetMiB, memoryPeak = memoryStart;
        using var stopSampling = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stopSampling.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
            {
                var (waiting, wait) = await plant.LagAsync();
                waitingPeak = Math.Max(waitingPeak, waiting);
                waitPeak = Math.Max(waitPeak, wait);
                memoryPeak = Math.Max(memoryPeak, app.WorkingSetMiB);
            }
        });

        var started = Stopwatch.StartNew();
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1);
        var seq = 0L;
        var carry = 0.0;
        using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
        {
            var sends = new List<Task>();
            while (started.Elapsed < duration && await ticker.WaitForNextTickAsync())
            {
                carry += perTickPerClient;
                var n = (int)carry;
                carry -= n;
                if (n == 0) continue;
                var first = seq;
                seq += n;
                sends.RemoveAll(t => t.IsCompleted);
                sends.AddRange(clients.Select((client, m) => Publisher.PublishAsync(client, Enumerable.Range(0, n)
                    .Select(i => (plant.Topic(m), Publisher.CountPayload(10_000_000 + first + i, ts))))));
                published += (long)n * clients.Count;
            }
            await Task.WhenAll(sends);
        }
        var acknowledged = started.Elapsed;
        var counted = await plant.WaitForGoodCountAsync(countedBefore + published, window.From, window.To, 2 * duration + TimeSpan.FromMinutes(1));
        var total = started.Elapsed;
        await stopSampling.CancelAsync();
        await sampling;
        foreach (var client in clients) client.Dispose();
        return new Result(rate, published / acknowledged.TotalSeconds, acknowledged, total - acknowledged, waitingPeak, waitPeak,
            memoryStart, memoryPeak, app.WorkingSetMiB);
    }
}

using System.Diagnostics;
using System.Globalization;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// A 3x burst against the embedded default, as a plant would send it: 200 device connections publish at a steady rate
/// for a minute, at three times that rate for the burst, and at the steady rate again until the backlog has drained.
/// Each device paces itself every 100 ms and keeps at most one window of publishes outstanding (<see cref="PacedDevice"/>):
/// what it could not send while the broker held it back is offered later, up to a second's worth, as a device's buffer
/// would. The health API's lag and the app's working set are sampled every second and printed every 30 s; at the end
/// the KPI API must count every acknowledged message exactly once.
/// </summary>
internal static class BurstBenchmark
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SteadyLead = TimeSpan.FromMinutes(1);

    /// <param name="Drain">From the end of the burst until the backlog was back to what the steady minute left waiting; null when it was not within twice the burst's length.</param>
    public sealed record Result(double SteadyRate, double OfferedBurstRate, double AcknowledgedBurstRate, long Acknowledged, TimeSpan Burst, TimeSpan? Drain,
        long SteadyWaiting, long PeakWaiting, double PeakWaitSeconds, long WorkingSetStartMiB, long WorkingSetPeakMiB, long WorkingSetEndMiB,
        long Reconnects, long DataMiB, TimeSpan UntilCounted);

    public static async Task<Result> RunAsync(WebAppProcess app, BenchmarkPlant plant, IReadOnlyList<DeviceCredentials> devices, long countedBefore,
        (DateTimeOffset From, DateTimeOffset To) window, double steadyRate, TimeSpan burst)
    {
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1);
        var senders = new List<PacedDevice>();
        for (var m = 0; m < devices.Count; m++) senders.Add(await PacedDevice.ConnectAsync(app.MqttPort, devices[m], plant.Topic(m), ts, 10_000_000));
        var monitor = new Monitor(app, plant);
        var clock = Stopwatch.StartNew();

        async Task RunAtAsync(double rate, Func<bool> until, string phase)
        {
            var perTick = rate * Tick.TotalSeconds / senders.Count;
            using var ticker = new PeriodicTimer(Tick);
            while (!until() && await ticker.WaitForNextTickAsync())
            {
                foreach (var sender in senders) sender.Tick(perTick, rate / senders.Count);
                await monitor.SampleAsync(clock.Elapsed, phase, senders);
            }
        }

        await RunAtAsync(steadyRate, () => clock.Elapsed >= SteadyLead, "steady");
        var steadyWaiting = Math.Max(monitor.PeakWaitingSinceReset, (long)steadyRate); // at most a second of traffic waiting
        monitor.ResetPeaks();
        var memoryStart = app.WorkingSetMiB;
        var burstAckedBefore = senders.Sum(s => s.Acknowledged);
        var burstOfferedBefore = senders.Sum(s => s.Offered);
        var burstStart = clock.Elapsed;
        await RunAtAsync(3 * steadyRate, () => clock.Elapsed - burstStart >= burst, "burst");
        var burstEnd = clock.Elapsed;
        var burstSeconds = (burstEnd - burstStart).TotalSeconds;
        var offered = (senders.Sum(s => s.Offered) - burstOfferedBefore) / burstSeconds;
        var acknowledged = (senders.Sum(s => s.Acknowledged) - burstAckedBefore) / burstSeconds;
        var (peakWaiting, peakWait) = (monitor.PeakWaitingSinceReset, monitor.PeakWaitSecondsSinceReset);

        TimeSpan? drain = null;
        await RunAtAsync(steadyRate, () =>
        {
            if (monitor.LastWaiting <= steadyWaiting) drain = clock.Elapsed - burstEnd;
            return drain is not null || clock.Elapsed - burstEnd >= 2 * burst;
        }, "after");
        var memoryPeak = monitor.PeakWorkingSetMiB;

        await Task.WhenAll(senders.Select(s => s.FinishAsync()));
        var published = senders.Sum(s => s.Acknowledged);
        var stopped = clock.Elapsed;
        await plant.WaitForGoodCountAsync(countedBefore + published, window.From, window.To, 2 * burst + TimeSpan.FromMinutes(10));
        var untilCounted = clock.Elapsed - stopped;
        foreach (var sender in senders) sender.Dispose();
        return new Result(steadyRate, offered, acknowledged, published, burstEnd - burstStart, drain, steadyWaiting, peakWaiting, peakWait,
            memoryStart, memoryPeak, app.WorkingSetMiB, senders.Sum(s => s.Reconnects), DataMiB(app.Directory), untilCounted);
    }

    private static long DataMiB(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1_048_576;

    /// <summary>Samples the lag and memory once a second; prints a line every 30 s with the rates since the last one.</summary>
    private sealed class Monitor(WebAppProcess app, BenchmarkPlant plant)
    {
        private TimeSpan _lastSample = TimeSpan.FromSeconds(-1), _lastPrint;
        private long _ackedAtPrint, _waitingAtPrint;

        public long LastWaiting { get; private set; } = long.MaxValue;
        public long PeakWaitingSinceReset { get; private set; }
        public double PeakWaitSecondsSinceReset { get; private set; }
        public long PeakWorkingSetMiB { get; private set; }

        public void ResetPeaks() => (PeakWaitingSinceReset, PeakWaitSecondsSinceReset, PeakWorkingSetMiB) = (0, 0, 0);

        public async Task SampleAsync(TimeSpan now, string phase, IReadOnlyList<PacedDevice> senders)
        {
            if (now - _lastSample < TimeSpan.FromSeconds(1)) return;
            _lastSample = now;
            var (waiting, wait) = await plant.LagAsync();
            LastWaiting = waiting;
            PeakWaitingSinceReset = Math.Max(PeakWaitingSinceReset, waiting);
            PeakWaitSecondsSinceReset = Math.Max(PeakWaitSecondsSinceReset, wait);
            var workingSet = app.WorkingSetMiB;
            PeakWorkingSetMiB = Math.Max(PeakWorkingSetMiB, workingSet);
            if (now - _lastPrint < TimeSpan.FromSeconds(30)) return;
            var seconds = (now - _lastPrint).TotalSeconds;
            var acked = senders.Sum(s => s.Acknowledged);
            var ackRate = (acked - _ackedAtPrint) / seconds;
            var processedRate = ackRate - (waiting - _waitingAtPrint) / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {now:mm\\:ss} {phase,-6} acknowledged {ackRate,7:N0}/s  processed {processedRate,7:N0}/s  waiting {waiting,10:N0} (oldest {wait,6:N1} s)  working set {workingSet,5:N0} MiB  data {DataMiB(app.Directory),6:N0} MiB  reconnects {senders.Sum(s => s.Reconnects)}"));
            (_lastPrint, _ackedAtPrint, _waitingAtPrint) = (now, acked, waiting);
        }
    }
}

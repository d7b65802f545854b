using System.Diagnostics;

namespace FactoryCloud.Benchmarks;

/// <summary>Samples this process's working set and managed heap every 50 ms and keeps the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler() => _loop = Task.Run(SampleAsync);

    public long PeakWorkingSet { get; private set; }
    public long PeakManagedHeap { get; private set; }

    public string Describe() => $"peak working set {PeakWorkingSet / 1_048_576:N0} MiB, peak managed heap {PeakManagedHeap / 1_048_576:N0} MiB";

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
            PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

using System.Diagnostics;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Infrastructure.Ingestion;

namespace FactoryCloud.Benchmarks;

/// <summary>Wraps the store to report how the pipeline batched its commits: batches, rows per batch, time per batch.</summary>
internal sealed class TimedStore(TelemetryStore inner) : ITelemetryStore
{
    private long _batches, _rows, _ticks;

    public async Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.StoreAsync(batch, ct);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, batch.Count);
        return result;
    }

    public string Describe() => _batches == 0 ? "no commits" :
        $"{_batches:N0} commits, {(double)_rows / _batches:N0} messages each, {TimeSpan.FromTicks(_ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency / _batches).TotalMilliseconds:N1} ms each";
}

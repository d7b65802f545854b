using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Infrastructure.Ingestion;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// The embedded default: accepted messages go straight into the database, committed in groups (one transaction for
/// whatever arrived meanwhile), and each device is acknowledged once its message is committed.
/// </summary>
public sealed class DatabaseSink(ITelemetryStore store) : IAcceptedTelemetrySink, IAsyncDisposable
{
    private readonly BatchingChannel<AcceptedTelemetry> _batches = new((batch, ct) => store.StoreAsync(batch, ct), maxBatch: 2000, capacity: 20_000);

    public Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken) => _batches.WriteAsync(message, cancellationToken);

    public ValueTask DisposeAsync() => _batches.DisposeAsync();
}

using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Infrastructure.Ingestion;
using FactoryCloud.Infrastructure.Persistence;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// The embedded default: accepted messages go straight into the database, committed in groups (one transaction for
/// whatever arrived meanwhile), and each device is acknowledged once its message is committed.
/// </summary>
public sealed class DatabaseSink(ITelemetryStore store, DatabaseOptions database) : IAcceptedTelemetrySink, IAsyncDisposable
{
    /// <summary>
    /// PostgreSQL commits two groups at once (row locks taken in machine order keep them apart); SQLite has one writer.
    /// </summary>
    private readonly BatchingChannel<AcceptedTelemetry> _batches = new((batch, ct) => store.StoreAsync(batch, ct), maxBatch: 2000, capacity: 20_000,
        concurrentFlushes: database.Provider == DatabaseProvider.Postgres ? 2 : 1);

    public Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken) => _batches.WriteAsync(message, cancellationToken);

    public ValueTask DisposeAsync() => _batches.DisposeAsync();
}

using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// The processor's storage step: writes accepted messages (raw events, state timeline, per-machine buckets)
/// idempotently: a redelivered batch, or a message repeated within or across batches, changes nothing.
/// </summary>
public interface ITelemetryStore
{
    Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct);
}

public sealed record TelemetryStoreResult(int Applied, int Duplicates);

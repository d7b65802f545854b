using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Domain.Ingestion;

/// <summary>
/// A message the ingestion accepted: authenticated, inside the device's scope, for a known machine, and valid by the
/// telemetry contract. This is what travels through the queue to the processor.
/// </summary>
/// <param name="DedupKey">From <see cref="TelemetryDedupKey"/>: a repeated message has the same key and is applied once.</param>
/// <param name="Payload">The device's JSON, unchanged; the processor re-reads it with <see cref="TelemetryParser"/>.</param>
public sealed record AcceptedTelemetry(
    Guid TenantId,
    Guid MachineId,
    Guid DeviceId,
    string DedupKey,
    TelemetryChannel Channel,
    DateTimeOffset Timestamp,
    string Payload,
    DateTimeOffset ReceivedAt);

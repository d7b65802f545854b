using System.Text.Json.Serialization;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// A message the ingestion accepted: authenticated, inside the device's scope, for a known machine, and valid by the
/// telemetry contract. This is what travels through the queue to the processor.
/// </summary>
/// <param name="DedupKey">From <see cref="TelemetryDedupKey"/>: a repeated message has the same key and is applied once.</param>
/// <param name="Payload">The device's JSON, unchanged (kept as the raw event).</param>
public sealed record AcceptedTelemetry(
    Guid TenantId,
    Guid MachineId,
    Guid DeviceId,
    string DedupKey,
    TelemetryChannel Channel,
    DateTimeOffset Timestamp,
    string Payload,
    DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// The reading the ingress parsed, handed on inside one process so the processor does not parse the payload
    /// again. It does not travel through a queue (another process re-reads <see cref="Payload"/>, once).
    /// </summary>
    [JsonIgnore]
    public TelemetryReading? Reading { get; init; }
}

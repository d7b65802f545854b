using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>A raw telemetry message as stored, once per dedup key.</summary>
public sealed class TelemetryEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }
    public Guid DeviceId { get; set; }
    public required string DedupKey { get; set; }
    public TelemetryChannel Channel { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

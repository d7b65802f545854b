using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// Where the broker hands a device's message after checking its scope. The returned task completes when the
/// message is durable (queued, or committed on the embedded default): only then is QoS 1 acknowledged.
/// </summary>
public interface ITelemetryIngress
{
    Task<RefusalReason> AcceptAsync(DeviceIdentity device, TelemetryTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

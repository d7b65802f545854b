using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>Where a broker hands an authenticated device's messages.</summary>
public interface ITelemetryIngress
{
    /// <summary>
    /// Validates and takes onward a message whose topic is inside the device's scope. The task completes when the
    /// message is durable (queued, or committed on the embedded default): only then is QoS 1 acknowledged.
    /// Returns the refusal reason, or <see cref="RefusalReason.None"/> when accepted.
    /// </summary>
    Task<RefusalReason> AcceptAsync(DeviceIdentity device, TelemetryTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Records a message the broker refused before it reached <see cref="AcceptAsync"/> (a topic outside the scope).</summary>
    void Refuse(DeviceIdentity device, string topic, RefusalReason reason, ReadOnlySpan<byte> payload);
}

using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FactoryCloud.Simulator.Publishing;

/// <summary>How <see cref="MqttTelemetryPublisher"/> connects: a device's broker address and credentials.</summary>
public sealed record MqttPublisherOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 1883;

    /// <summary>TLS with the system's trusted roots (port 8883 by convention).</summary>
    public bool UseTls { get; init; }

    public required string ClientId { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The contract recommends QoS 1: each publish then waits for the broker's PUBACK.</summary>
    public MqttQualityOfServiceLevel QualityOfService { get; init; } = MqttQualityOfServiceLevel.AtLeastOnce;

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V311;

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a connect or an acknowledgement may take before the connection counts as broken.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before reconnecting; it doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After a stop request, how long the message in flight may still take (for example to await its PUBACK).</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);
}

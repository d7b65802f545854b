using System.Text;

using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Simulator.Simulation;

/// <summary>
/// One telemetry message exactly as a device publishes it: <see cref="TopicName"/> and the JSON <see cref="Payload"/>
/// (publish it as UTF-8, QoS 1, without the retain flag).
/// </summary>
/// <param name="Timestamp">The payload's <c>ts</c>.</param>
/// <param name="Sequence">The payload's <c>seq</c>: strictly increasing over all messages of the simulation (one device).</param>
public sealed record SimulatedMessage(TelemetryTopic Topic, string Payload, DateTimeOffset Timestamp, ulong Sequence)
{
    /// <summary><c>fc/v1/{tenant}/{site}/{area}/{line}/{machine}/{channel}</c>.</summary>
    public string TopicName { get; } = Topic.Format();

    public TelemetryChannel Channel => Topic.Channel;

    public MachinePath Machine => Topic.Path;

    /// <summary>The payload as the bytes to publish (UTF-8, no byte order mark).</summary>
    public byte[] PayloadUtf8() => Encoding.UTF8.GetBytes(Payload);

    public override string ToString() => $"{TopicName} {Payload}";
}

using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>A message of the <c>state</c> channel: the machine entered <paramref name="State"/> at <c>Timestamp</c>.</summary>
/// <param name="Reason">Optional reason code, at most 64 characters; null when absent or empty.</param>
public sealed record StateReading(DateTimeOffset Timestamp, ulong? Sequence, MachineState State, string? Reason)
    : TelemetryReading(Timestamp, Sequence)
{
    public override TelemetryChannel Channel => TelemetryChannel.State;
}

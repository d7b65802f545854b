namespace FactoryCloud.Domain.Telemetry;

/// <summary>A message of the <c>measure</c> channel: 1 to 32 finite values by name (<c>[a-z0-9_]{1,64}</c>).</summary>
/// <param name="Values">Read-only, ordinal keys. <c>energy_kwh</c>, when present, is an increment and never negative.</param>
public sealed record MeasureReading(DateTimeOffset Timestamp, ulong? Sequence, IReadOnlyDictionary<string, double> Values)
    : TelemetryReading(Timestamp, Sequence)
{
    public override TelemetryChannel Channel => TelemetryChannel.Measure;
}

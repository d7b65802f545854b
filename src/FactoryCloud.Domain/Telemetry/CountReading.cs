namespace FactoryCloud.Domain.Telemetry;

/// <summary>A message of the <c>count</c> channel: parts produced since the previous count message.</summary>
/// <param name="Good">Good parts, never negative (0 when the field was absent).</param>
/// <param name="Scrap">Scrapped parts, never negative (0 when the field was absent).</param>
/// <param name="Product">Optional product code, at most 64 characters; null when absent or empty.</param>
public sealed record CountReading(DateTimeOffset Timestamp, ulong? Sequence, long Good, long Scrap, string? Product)
    : TelemetryReading(Timestamp, Sequence)
{
    public override TelemetryChannel Channel => TelemetryChannel.Count;
}

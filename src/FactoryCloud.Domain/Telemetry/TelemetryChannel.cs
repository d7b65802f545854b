namespace FactoryCloud.Domain.Telemetry;

/// <summary>The last topic segment: which kind of message the payload is. Wire names: <c>state</c>, <c>count</c>, <c>measure</c>.</summary>
public enum TelemetryChannel
{
    State,
    Count,
    Measure,
}

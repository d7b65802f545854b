namespace FactoryCloud.Domain.Telemetry;

/// <summary>An accepted telemetry message. <see cref="TelemetryParser"/> only produces readings that satisfy the contract.</summary>
/// <param name="Timestamp">The message's <c>ts</c>, normalised to UTC (offset zero).</param>
/// <param name="Sequence">The message's <c>seq</c>, when the device sent one.</param>
public abstract record TelemetryReading(DateTimeOffset Timestamp, ulong? Sequence)
{
    public abstract TelemetryChannel Channel { get; }
}

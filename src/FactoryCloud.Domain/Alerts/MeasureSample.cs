namespace FactoryCloud.Domain.Alerts;

/// <summary>One value of a measurement at its message's <c>ts</c>.</summary>
public readonly record struct MeasureSample(DateTimeOffset At, double Value);

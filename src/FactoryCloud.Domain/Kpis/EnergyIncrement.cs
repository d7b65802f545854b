namespace FactoryCloud.Domain.Kpis;

/// <summary>Energy consumed since the previous energy message.</summary>
public sealed record EnergyIncrement(DateTimeOffset At, double Kwh);

namespace FactoryCloud.Domain.Kpis;

/// <summary>One occurrence of a production shift pattern, in UTC (breaks not removed).</summary>
public sealed record ShiftInstance(string? Name, TimeWindow Window);

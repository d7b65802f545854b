namespace FactoryCloud.Domain.Kpis;

/// <summary>A closed breakdown of <paramref name="Reason"/> that began at <paramref name="Start"/> and is still going at <paramref name="Minute"/>.</summary>
public sealed record CarriedBreakdown(DateTimeOffset Minute, DateTimeOffset Start, string? Reason);

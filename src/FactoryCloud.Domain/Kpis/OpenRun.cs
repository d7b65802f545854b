namespace FactoryCloud.Domain.Kpis;

/// <summary>A machine's latest change and when its run of identical changes (its open episode) began.</summary>
public sealed record OpenRun(DateTimeOffset Start, StateChange Latest);

using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>A tenant's override: <paramref name="State"/> (narrowed to <paramref name="Reason"/> when given) counts as <paramref name="Category"/>.</summary>
public sealed record LossRule(MachineState State, string? Reason, LossCategory Category);

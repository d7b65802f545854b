using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>A state, optionally narrowed to one reason code (ordinal, case-sensitive); a null reason matches any reason.</summary>
public readonly record struct LossRuleKey(MachineState State, string? Reason = null);

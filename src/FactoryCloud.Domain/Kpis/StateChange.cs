using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>A machine entered <paramref name="State"/> at <paramref name="At"/>; it holds until the next change.</summary>
public sealed record StateChange(DateTimeOffset At, MachineState State, string? Reason = null);

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Everything measured about one machine for a window. <paramref name="Calendar"/> null means the whole window
/// is planned. States should include the last change before the window and, when known, the first after it.
/// </summary>
public sealed record MachineKpiInputs(
    IReadOnlyList<StateChange> States,
    IReadOnlyList<ProductionCount> Counts,
    IdealCycleTimes IdealCycleTimes,
    ShiftCalendar? Calendar = null,
    IReadOnlyList<EnergyIncrement>? Energy = null);

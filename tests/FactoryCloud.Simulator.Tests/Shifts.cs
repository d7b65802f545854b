using FactoryCloud.Simulator.Simulation;

namespace FactoryCloud.Simulator.Tests;

/// <summary>Simulated runs shared by several tests (each is computed once per test run).</summary>
internal static class Shifts
{
    /// <summary>Monday 06:00 at +01:00: the start of an early shift.</summary>
    public static readonly DateTimeOffset EarlyShiftStart = new(2025, 3, 3, 6, 0, 0, TimeSpan.FromHours(1));

    public static readonly TimeSpan ShiftLength = TimeSpan.FromHours(8);

    private static readonly Lazy<(PlantSimulation Simulation, IReadOnlyList<SimulatedMessage> Messages, TelemetryLog Log)> s_earlyShift =
        new(() => Run(Options(seed: 42, machines: 5), ShiftLength));

    /// <summary>Five machines of line-1 over the early shift 06:00–14:00 (seed 42).</summary>
    public static (PlantSimulation Simulation, IReadOnlyList<SimulatedMessage> Messages, TelemetryLog Log) EarlyShift => s_earlyShift.Value;

    public static PlantSimulationOptions Options(int seed, int machines, DateTimeOffset? start = null) =>
        PlantSimulationOptions.ForLine(
            "acme", "plant-1", "assembly", "line-1", PlantSimulationOptions.NumberedMachineKeys(machines), seed, start ?? EarlyShiftStart);

    public static (PlantSimulation Simulation, IReadOnlyList<SimulatedMessage> Messages, TelemetryLog Log) Run(PlantSimulationOptions options, TimeSpan length)
    {
        var simulation = new PlantSimulation(options);
        var messages = simulation.AdvanceTo(simulation.Start + length);
        return (simulation, messages, TelemetryLog.Parse(messages));
    }
}

using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>Maps <see cref="MachineState"/> to and from the <c>state</c> field of the state channel.</summary>
public static class MachineStateWireNames
{
    /// <summary>Every state, in declaration order.</summary>
    public static IReadOnlyList<MachineState> All { get; } = Enum.GetValues<MachineState>();

    public static string ToWireName(this MachineState state) => state switch
    {
        MachineState.Running => "running",
        MachineState.Idle => "idle",
        MachineState.Down => "down",
        MachineState.Changeover => "changeover",
        MachineState.PlannedStop => "planned_stop",
        MachineState.Offline => "offline",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown machine state."),
    };

    /// <summary>Exact, case-sensitive match of a wire name.</summary>
    public static bool TryParse(ReadOnlySpan<char> wireName, out MachineState state)
    {
        foreach (var candidate in All)
        {
            if (wireName.SequenceEqual(candidate.ToWireName()))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}

namespace FactoryCloud.Domain.Plants;

/// <summary>A machine's state as published on the telemetry contract's <c>state</c> channel.</summary>
public enum MachineState
{
    Running,
    Idle,
    Down,
    Changeover,
    PlannedStop,
    Offline,
}

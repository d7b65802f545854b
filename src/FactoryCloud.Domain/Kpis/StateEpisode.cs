using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// An unbroken stretch of one state and reason, unclipped by any window (repeated identical
/// state messages do not start a new episode). An ongoing episode's End is the time it is known to hold until.
/// </summary>
public sealed record StateEpisode(DateTimeOffset Start, DateTimeOffset End, MachineState State, string? Reason, bool IsOngoing)
{
    public TimeSpan Duration => End - Start;
}

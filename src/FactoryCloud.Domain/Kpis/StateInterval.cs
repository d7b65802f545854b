using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A piece of a timeline clipped to a window: either part of a state episode, or a gap with no data (State null).
/// EpisodeStart/EpisodeEnd keep the unclipped extent so stops are classified by their full length.
/// </summary>
public sealed record StateInterval(
    DateTimeOffset Start,
    DateTimeOffset End,
    MachineState? State,
    string? Reason,
    DateTimeOffset EpisodeStart,
    DateTimeOffset EpisodeEnd)
{
    public bool IsNoData => State is null;

    public TimeWindow Window => new(Start, End);

    public TimeSpan EpisodeDuration => EpisodeEnd - EpisodeStart;

    /// <summary>True when the episode began inside this interval's window rather than before it.</summary>
    public bool StartsEpisode => EpisodeStart == Start;
}

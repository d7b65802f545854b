using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Web.Features.Ingestion;

/// <summary>The ingestion health of one tenant over a window: what was accepted, what was refused and why, how late, which machines report.</summary>
public sealed record IngestionHealth(
    DateTimeOffset Since,
    long AcceptedCount,
    long RefusedCount,
    IReadOnlyList<IngestionHealth.RefusalGroup> Refusals,
    TimeSpan? QueueLag,
    IReadOnlyList<IngestionHealth.MachineLastMessage> Machines)
{
    public sealed record RefusalExample(DateTimeOffset At, string Topic, string Detail, string PayloadExcerpt);

    public sealed record RefusalGroup(RefusalReason Reason, string Description, long Count, IReadOnlyList<RefusalExample> Latest);

    public sealed record MachineLastMessage(Guid MachineId, string Path, DateTimeOffset? LastSeenAt);
}

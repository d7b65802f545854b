using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Web.Features.Ingestion;

/// <summary>The ingestion health of one tenant over a window: what was accepted, what was refused and why, how late, which machines report.</summary>
public sealed record IngestionHealth(
    DateTimeOffset Since,
    long AcceptedCount,
    long RefusedCount,
    IReadOnlyList<IngestionHealth.RefusalGroup> Refusals,
    IngestionHealth.ProcessingLag? Lag,
    IReadOnlyList<IngestionHealth.MachineLastMessage> Machines)
{
    public sealed record RefusalExample(DateTimeOffset At, string Topic, string Detail, string PayloadExcerpt);

    public sealed record RefusalGroup(RefusalReason Reason, string Description, long Count, IReadOnlyList<RefusalExample> Latest);

    /// <summary>
    /// Accepted but not yet stored. <paramref name="WaitingMessages"/> is this tenant's (null where the queue is another
    /// process's, as with Service Bus); <paramref name="OldestWait"/> is how long the oldest waiting message has waited.
    /// </summary>
    public sealed record ProcessingLag(long? WaitingMessages, TimeSpan OldestWait);

    public sealed record MachineLastMessage(Guid MachineId, string Path, DateTimeOffset? LastSeenAt);
}

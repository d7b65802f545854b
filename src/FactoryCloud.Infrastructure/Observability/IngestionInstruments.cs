using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FactoryCloud.Infrastructure.Observability;

/// <summary>
/// The ingestion pipeline's own traces and metrics (source and meter <c>FactoryCloud.Ingestion</c>). Static, as the
/// runtime's own sources are: an instrument nobody listens to costs one branch, so the pipeline records
/// unconditionally and <see cref="ObservabilityExtensions"/> decides whether anything is exported. Spans are per
/// batch, never per message: a gateway may publish 20,000 messages a second.
/// </summary>
public static class IngestionInstruments
{
    public const string Name = "FactoryCloud.Ingestion";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    /// <summary>Messages that passed the contract and scope checks and were handed to the queue or the inbox; tag <c>channel</c>.</summary>
    public static readonly Counter<long> Accepted = s_meter.CreateCounter<long>(
        "factorycloud.ingestion.messages.accepted", "{message}", "Messages accepted by the ingress and handed to the queue or inbox.");

    /// <summary>Messages refused at the ingress; tag <c>reason</c> (a <c>RefusalReason</c> name).</summary>
    public static readonly Counter<long> Refused = s_meter.CreateCounter<long>(
        "factorycloud.ingestion.messages.refused", "{message}", "Messages refused by the ingress, by reason.");

    /// <summary>Messages committed to this process's inbox and not yet stored (the embedded default's queue).</summary>
    public static readonly UpDownCounter<long> InboxBacklog = s_meter.CreateUpDownCounter<long>(
        "factorycloud.ingestion.inbox.backlog", "{message}", "Messages waiting in the inbox to be stored.");

    /// <summary>Messages a stored batch applied or recognised as duplicates; tag <c>outcome</c>.</summary>
    public static readonly Counter<long> Stored = s_meter.CreateCounter<long>(
        "factorycloud.ingestion.messages.stored", "{message}", "Messages the processor stored (applied) or found already stored (duplicate).");

    /// <summary>How long storing one batch took, its transaction included.</summary>
    public static readonly Histogram<double> StoreDuration = s_meter.CreateHistogram(
        "factorycloud.ingestion.store.duration", "s", "Time to store one batch of telemetry in the database.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}

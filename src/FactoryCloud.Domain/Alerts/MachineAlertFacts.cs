using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Alerts;

/// <summary>
/// What is known about one machine at <see cref="Now"/>, as a rule needs it. <see cref="WindowTotals"/> is
/// filled for an OEE rule (its rolling window, totalled by the same KPI query as the API); <see cref="Measures"/> for a measure rule:
/// the samples of its measurement after <c>Now − N</c>, in time order, preceded by the latest one at or before it.
/// </summary>
public sealed record MachineAlertFacts(
    DateTimeOffset Now,
    MachineState? CurrentState = null,
    DateTimeOffset? StateSince = null,
    string? StateReason = null,
    DateTimeOffset? LastSeenAt = null,
    KpiTotals? WindowTotals = null,
    IReadOnlyList<MeasureSample>? Measures = null);

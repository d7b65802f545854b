namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// One machine's totals and breakdown time per reason for one time bucket, as the processor stores them;
/// summing buckets gives the same result as computing the whole period at once.
/// </summary>
public sealed record KpiBucket(TimeWindow Window, KpiTotals Totals, IReadOnlyList<ReasonDowntime> DowntimeByReason);

namespace FactoryCloud.Domain.Kpis;

/// <summary>Breakdown time and episodes for one reason code (null = no reason given); additive like KpiTotals.</summary>
public sealed record ReasonDowntime(string? Reason, double Seconds, long Episodes);

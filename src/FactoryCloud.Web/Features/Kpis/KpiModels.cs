namespace FactoryCloud.Web.Features.Kpis;

/// <summary>Which level of the ISA-95 hierarchy a KPI query aggregates over.</summary>
public enum KpiScope
{
    Machine,
    Line,
    Area,
    Site,
}

/// <summary>
/// KPIs of a machine or of the machines of a line, area or site over [<see cref="From"/>, <see cref="To"/>).
/// Ratios are fractions, null when their denominator is zero. Seconds and counts are sums over the machines.
/// <see cref="From"/> and <see cref="To"/> are the window actually evaluated: the requested one widened to whole
/// UTC minutes (the bucket granularity).
/// </summary>
public sealed record KpiResult(
    double? Availability,
    double? Performance,
    double? Quality,
    double? Oee,
    double PlannedProductionSeconds,
    double RunSeconds,
    double DownSeconds,
    double IdleSeconds,
    double ChangeoverSeconds,
    double OfflineSeconds,
    double PlannedStopSeconds,
    double NoDataSeconds,
    long GoodCount,
    long ScrapCount,
    long TotalCount,
    int MachineCount,
    DateTimeOffset From,
    DateTimeOffset To);

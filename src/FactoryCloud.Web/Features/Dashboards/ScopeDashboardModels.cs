using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// A machine, line or site dashboard over one window: KPIs (summed over the machines), a trend, the downtime Pareto,
/// the machines side by side (lines and sites), and for a machine its state timeline and measurements.
/// </summary>
public sealed record ScopeDashboard(
    KpiScope Scope,
    Guid Id,
    string Name,
    string TimeZone,
    TimeRangeKind Range,
    TimeWindow Window,
    KpiResult Kpis,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<ParetoEntry> Pareto,
    IReadOnlyList<MachineComparison> Machines,
    IReadOnlyList<StateInterval> Timeline,
    IReadOnlyList<MeasurementSeries> Measurements);

/// <summary>One step of the trend (an hour; a local day for ranges longer than two days; a UTC week beyond 92 days).</summary>
public sealed record TrendPoint(TimeWindow Window, string Label, KpiResult Kpis);

public sealed record MachineComparison(Guid Id, string Name, KpiResult Kpis);

/// <summary>One measured value over time (raw measure messages, thinned to at most a few hundred points).</summary>
public sealed record MeasurementSeries(string Name, IReadOnlyList<MeasurementPoint> Points);

public readonly record struct MeasurementPoint(DateTimeOffset At, double Value);

using FactoryCloud.Domain.Kpis;

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
/// Ratios are fractions, null when their denominator is zero. Seconds and counts are sums over the machines, inside
/// planned production time (the site's shift calendar). <see cref="From"/> and <see cref="To"/> are the window
/// actually evaluated: the requested one widened to whole UTC minutes (the bucket granularity).
/// <see cref="DownSeconds"/> is breakdown time (Down, or what the tenant's loss rules map to a breakdown, minus small
/// stops); <see cref="PerformanceAboveIdeal"/> flags a performance above 100 % (a wrong ideal cycle time).
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
    DateTimeOffset To)
{
    public bool PerformanceAboveIdeal { get; init; }
    public double SmallStopSeconds { get; init; }
    public long BreakdownEpisodes { get; init; }
    public double? MtbfSeconds { get; init; }
    public double? MttrSeconds { get; init; }
    public double? ThroughputPerHour { get; init; }
    public double? ScrapRate { get; init; }
    public double EnergyKwh { get; init; }
    public double? EnergyPerGoodUnit { get; init; }

    /// <summary>Units (good + scrap) counted outside planned production time: not in OEE, shown so production on a day without shifts is seen.</summary>
    public long UnplannedCount { get; init; }

    /// <summary>Planned time before the machines first sent data, not counted as planned time (see <see cref="TimeBeforeFirstData"/>).</summary>
    public double BeforeFirstDataSeconds { get; init; }

    /// <summary>
    /// The share of planned time covered by state data, null without planned time. Planned time before the machines'
    /// first data counts as not covered (a machine that had not reported yet was silent for it), so a window the data
    /// only reached half-way is half complete whether or not <see cref="KpiSettings.IncludeTimeBeforeFirstData"/> is on.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] // not part of the KPI API: the value confidence reads it (the evidence sums the same parts over sites)
    public double? DataCompleteness =>
        PlannedProductionSeconds + BeforeFirstDataSeconds is var planned and > 0 ? (PlannedProductionSeconds - NoDataSeconds) / planned : null;

    /// <summary>False when the range holds no planned production time at all (no shift, or no data yet): every ratio is then undefined.</summary>
    public bool HasPlannedTime => PlannedProductionSeconds > 0;

    /// <summary>The largest of the losses (<see cref="LossCategory"/>), null when nothing was lost.</summary>
    public LossCategory? TopLoss { get; init; }

    public static KpiResult Of(KpiTotals totals, int machineCount, TimeWindow window)
    {
        var f = KpiFigures.From(totals);
        return new KpiResult(
            f.Availability, f.Performance, f.Quality, f.Oee,
            totals.PlannedSeconds, totals.RunSeconds, totals.BreakdownSeconds, totals.IdleSeconds, totals.SetupSeconds,
            totals.OfflineSeconds, totals.PlannedStopSeconds, totals.NoDataSeconds,
            totals.GoodCount, totals.ScrapCount, totals.TotalCount, machineCount, window.Start, window.End)
        {
            PerformanceAboveIdeal = f.PerformanceAboveIdeal,
            SmallStopSeconds = totals.SmallStopSeconds,
            BreakdownEpisodes = totals.BreakdownEpisodes,
            MtbfSeconds = f.Mtbf?.TotalSeconds,
            MttrSeconds = f.Mttr?.TotalSeconds,
            ThroughputPerHour = f.ThroughputPerHour,
            ScrapRate = f.ScrapRate,
            EnergyKwh = totals.EnergyKwh,
            EnergyPerGoodUnit = f.EnergyPerGoodUnit,
            TopLoss = TopLossOf(f.Losses),
            UnplannedCount = totals.UnplannedCount,
            BeforeFirstDataSeconds = totals.BeforeFirstDataSeconds,
        };
    }

    /// <summary>The loss category with the most seconds; ties go to the earlier (six big losses first).</summary>
    public static LossCategory? TopLossOf(LossBreakdown losses)
    {
        LossCategory? top = null;
        var most = 0.0;
        foreach (var category in Enum.GetValues<LossCategory>())
        {
            var seconds = losses.SecondsOf(category);
            if (seconds > most + 1e-9) (top, most) = (category, seconds);
        }
        return top;
    }
}

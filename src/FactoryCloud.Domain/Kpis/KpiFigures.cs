namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// KPIs computed from <see cref="KpiTotals"/>. Ratios are fractions (0.8881 = 88.81%). A ratio whose
/// denominator is zero is null ("not defined"), never 0 or NaN, so the UI shows "–" instead of a false 0%.
/// </summary>
public sealed record KpiFigures
{
    // Floating-point sums of exact ideal times can land a hair above 1; that is not a wrong ideal cycle time.
    private const double AboveIdealTolerance = 1e-9;

    public required KpiTotals Totals { get; init; }

    /// <summary>ISO 22400 Availability = actual production time / planned busy time.</summary>
    public double? Availability { get; init; }

    /// <summary>ISO 22400 Effectiveness = Σ(ideal cycle time × produced quantity) / actual production time. May exceed 1.</summary>
    public double? Performance { get; init; }

    /// <summary>True when performance exceeds 100%, which means an ideal cycle time is set too slow.</summary>
    public bool PerformanceAboveIdeal { get; init; }

    /// <summary>ISO 22400 Quality ratio = good quantity / produced quantity.</summary>
    public double? Quality { get; init; }

    /// <summary>ISO 22400 OEE index = Σ(ideal cycle time × good quantity) / planned busy time (= A × P × Q).</summary>
    public double? Oee { get; init; }

    /// <summary>ISO 22400 Scrap ratio = scrap quantity / produced quantity.</summary>
    public double? ScrapRate { get; init; }

    /// <summary>Units (good + scrap) per planned hour.</summary>
    public double? ThroughputPerHour { get; init; }

    /// <summary>kWh per good unit.</summary>
    public double? EnergyPerGoodUnit { get; init; }

    /// <summary>Share of planned time with a known state.</summary>
    public double? DataCoverage { get; init; }

    /// <summary>ISO 22400 mean operating time between failures = actual production time / breakdown episodes.</summary>
    public TimeSpan? Mtbf { get; init; }

    /// <summary>ISO 22400 mean time to restoration = breakdown time / breakdown episodes.</summary>
    public TimeSpan? Mttr { get; init; }

    public required LossBreakdown Losses { get; init; }

    public static KpiFigures From(KpiTotals totals)
    {
        var performance = Ratio(totals.IdealSecondsTotal, totals.ActualProductionSeconds);
        return new KpiFigures
        {
            Totals = totals,
            Availability = Ratio(totals.ActualProductionSeconds, totals.PlannedSeconds),
            Performance = performance,
            PerformanceAboveIdeal = performance > 1 + AboveIdealTolerance,
            Quality = Ratio(totals.GoodCount, totals.TotalCount),
            Oee = Ratio(totals.IdealSecondsGood, totals.PlannedSeconds),
            ScrapRate = Ratio(totals.ScrapCount, totals.TotalCount),
            ThroughputPerHour = Ratio(totals.TotalCount, totals.PlannedSeconds / 3600),
            EnergyPerGoodUnit = Ratio(totals.EnergyKwh, totals.GoodCount),
            DataCoverage = Ratio(totals.PlannedSeconds - totals.NoDataSeconds, totals.PlannedSeconds),
            Mtbf = Seconds(Ratio(totals.ActualProductionSeconds, totals.BreakdownEpisodes)),
            Mttr = Seconds(Ratio(totals.BreakdownSeconds, totals.BreakdownEpisodes)),
            Losses = LossBreakdown.From(totals),
        };
    }

    private static double? Ratio(double numerator, double denominator) =>
        denominator > 0 ? numerator / denominator : null;

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}

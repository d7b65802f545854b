namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Additive sums from which every KPI is computed. Totals for machines, lines, sites or time buckets are added,
/// never averaged, so a 30-day site figure is the ratio of 30 days of summed buckets. All seconds except
/// <see cref="PlannedStopSeconds"/> lie within planned production time and partition it:
/// Planned = Run + SmallStop + Breakdown + Setup + Idle + Offline + NoData.
/// Counts are those whose timestamp lies in planned production time.
/// </summary>
public readonly record struct KpiTotals
{
    public static KpiTotals Zero => default;

    /// <summary>ISO 22400 planned busy time (PBT): window minus time outside the shift calendar minus PlannedStop.</summary>
    public double PlannedSeconds { get; init; }

    /// <summary>Time in the Running state.</summary>
    public double RunSeconds { get; init; }

    /// <summary>Short breakdowns and idles (below the threshold); part of the operating time, a performance loss.</summary>
    public double SmallStopSeconds { get; init; }

    public double BreakdownSeconds { get; init; }
    public double SetupSeconds { get; init; }
    public double IdleSeconds { get; init; }
    public double OfflineSeconds { get; init; }
    public double NoDataSeconds { get; init; }

    /// <summary>
    /// Planned time before the machine first sent data, taken out of planned time (and of no data) by
    /// <see cref="TimeBeforeFirstData"/>; informational, not part of planned time.
    /// </summary>
    public double BeforeFirstDataSeconds { get; init; }

    /// <summary>PlannedStop time inside the shift calendar; informational, not part of planned time.</summary>
    public double PlannedStopSeconds { get; init; }

    public long GoodCount { get; init; }
    public long ScrapCount { get; init; }

    /// <summary>The part of <see cref="ScrapCount"/> counted within the start-up period after a breakdown or setup.</summary>
    public long StartupScrapCount { get; init; }

    /// <summary>Units counted outside planned production time; excluded from OEE, a hint that the calendar is wrong.</summary>
    public long UnplannedCount { get; init; }

    /// <summary>Σ ideal cycle time × (good + scrap).</summary>
    public double IdealSecondsTotal { get; init; }

    /// <summary>Σ ideal cycle time × good: the fully productive time.</summary>
    public double IdealSecondsGood { get; init; }

    /// <summary>Σ ideal cycle time × start-up scrap.</summary>
    public double IdealSecondsStartupScrap { get; init; }

    /// <summary>All energy reported in the window, planned or not: a stopped machine still consumes.</summary>
    public double EnergyKwh { get; init; }

    /// <summary>
    /// Breakdown episodes, each counted only in the window where it starts, and only if some of it there is planned,
    /// so bucket sums never count an episode twice.
    /// </summary>
    public long BreakdownEpisodes { get; init; }

    public long TotalCount => GoodCount + ScrapCount;

    /// <summary>ISO 22400 actual production time (APT): running plus small stops, the operating time.</summary>
    public double ActualProductionSeconds => RunSeconds + SmallStopSeconds;

    public static KpiTotals operator +(KpiTotals left, KpiTotals right) => left.Add(right);

    public static KpiTotals Sum(IEnumerable<KpiTotals> totals) => totals.Aggregate(Zero, static (sum, t) => sum + t);

    public KpiTotals Add(KpiTotals other) => new()
    {
        PlannedSeconds = PlannedSeconds + other.PlannedSeconds,
        RunSeconds = RunSeconds + other.RunSeconds,
        SmallStopSeconds = SmallStopSeconds + other.SmallStopSeconds,
        BreakdownSeconds = BreakdownSeconds + other.BreakdownSeconds,
        SetupSeconds = SetupSeconds + other.SetupSeconds,
        IdleSeconds = IdleSeconds + other.IdleSeconds,
        OfflineSeconds = OfflineSeconds + other.OfflineSeconds,
        NoDataSeconds = NoDataSeconds + other.NoDataSeconds,
        PlannedStopSeconds = PlannedStopSeconds + other.PlannedStopSeconds,
        BeforeFirstDataSeconds = BeforeFirstDataSeconds + other.BeforeFirstDataSeconds,
        GoodCount = GoodCount + other.GoodCount,
        ScrapCount = ScrapCount + other.ScrapCount,
        StartupScrapCount = StartupScrapCount + other.StartupScrapCount,
        UnplannedCount = UnplannedCount + other.UnplannedCount,
        IdealSecondsTotal = IdealSecondsTotal + other.IdealSecondsTotal,
        IdealSecondsGood = IdealSecondsGood + other.IdealSecondsGood,
        IdealSecondsStartupScrap = IdealSecondsStartupScrap + other.IdealSecondsStartupScrap,
        EnergyKwh = EnergyKwh + other.EnergyKwh,
        BreakdownEpisodes = BreakdownEpisodes + other.BreakdownEpisodes,
    };
}

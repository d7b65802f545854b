namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Planned time split into fully productive time and losses, in seconds. Rejects are valued at the ideal
/// cycle time of the scrapped units. When performance is at most 100% the parts add up to planned time.
/// </summary>
public sealed record LossBreakdown(
    double FullyProductiveSeconds,
    double BreakdownSeconds,
    double SetupAdjustmentSeconds,
    double SmallStopSeconds,
    double ReducedSpeedSeconds,
    double StartupRejectSeconds,
    double ProductionRejectSeconds,
    double IdleSeconds,
    double OfflineSeconds,
    double NoDataSeconds)
{
    public static LossBreakdown From(KpiTotals totals)
    {
        var rejectSeconds = totals.IdealSecondsTotal - totals.IdealSecondsGood;
        return new LossBreakdown(
            FullyProductiveSeconds: totals.IdealSecondsGood,
            BreakdownSeconds: totals.BreakdownSeconds,
            SetupAdjustmentSeconds: totals.SetupSeconds,
            SmallStopSeconds: totals.SmallStopSeconds,
            ReducedSpeedSeconds: Math.Max(0, totals.RunSeconds - totals.IdealSecondsTotal),
            StartupRejectSeconds: totals.IdealSecondsStartupScrap,
            ProductionRejectSeconds: rejectSeconds - totals.IdealSecondsStartupScrap,
            IdleSeconds: totals.IdleSeconds,
            OfflineSeconds: totals.OfflineSeconds,
            NoDataSeconds: totals.NoDataSeconds);
    }

    public double SecondsOf(LossCategory category) => category switch
    {
        LossCategory.Breakdown => BreakdownSeconds,
        LossCategory.SetupAdjustment => SetupAdjustmentSeconds,
        LossCategory.SmallStop => SmallStopSeconds,
        LossCategory.ReducedSpeed => ReducedSpeedSeconds,
        LossCategory.StartupRejects => StartupRejectSeconds,
        LossCategory.ProductionRejects => ProductionRejectSeconds,
        LossCategory.Idle => IdleSeconds,
        LossCategory.Offline => OfflineSeconds,
        LossCategory.NoData => NoDataSeconds,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}

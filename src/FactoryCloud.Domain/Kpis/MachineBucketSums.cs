namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A machine's bucket sums over the buckets covering planned time, in ticks: Running and PlannedStop time of closed
/// intervals, loss time of closed loss episodes by category, and the closed breakdown episodes starting there.
/// </summary>
public readonly record struct MachineBucketSums(
    long RunTicks,
    long PlannedStopTicks,
    long BreakdownTicks,
    long SmallStopTicks,
    long SetupTicks,
    long IdleTicks,
    long OfflineTicks,
    long NoDataTicks,
    long BreakdownEpisodes)
{
    public static MachineBucketSums operator +(MachineBucketSums a, MachineBucketSums b) => new(
        a.RunTicks + b.RunTicks, a.PlannedStopTicks + b.PlannedStopTicks, a.BreakdownTicks + b.BreakdownTicks,
        a.SmallStopTicks + b.SmallStopTicks, a.SetupTicks + b.SetupTicks, a.IdleTicks + b.IdleTicks,
        a.OfflineTicks + b.OfflineTicks, a.NoDataTicks + b.NoDataTicks, a.BreakdownEpisodes + b.BreakdownEpisodes);
}

using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Alerts;

/// <summary>
/// One machine's stored bucket sums over a rolling window: closed state intervals (the open tail after the latest
/// state change is not in the buckets), counts and ideal seconds, as the processor writes them.
/// </summary>
public sealed record ClosedStateSums(
    double RunSeconds = 0,
    double IdleSeconds = 0,
    double DownSeconds = 0,
    double ChangeoverSeconds = 0,
    double PlannedStopSeconds = 0,
    double OfflineSeconds = 0,
    long GoodCount = 0,
    long ScrapCount = 0,
    double IdealSecondsTotal = 0,
    double IdealSecondsGood = 0)
{
    public static ClosedStateSums Zero { get; } = new();

    public ClosedStateSums Add(MachineState state, double seconds) => state switch
    {
        MachineState.Running => this with { RunSeconds = RunSeconds + seconds },
        MachineState.Idle => this with { IdleSeconds = IdleSeconds + seconds },
        MachineState.Down => this with { DownSeconds = DownSeconds + seconds },
        MachineState.Changeover => this with { ChangeoverSeconds = ChangeoverSeconds + seconds },
        MachineState.PlannedStop => this with { PlannedStopSeconds = PlannedStopSeconds + seconds },
        _ => this with { OfflineSeconds = OfflineSeconds + seconds },
    };

    private double StateSeconds => RunSeconds + IdleSeconds + DownSeconds + ChangeoverSeconds + PlannedStopSeconds + OfflineSeconds;

    /// <summary>
    /// The window's <see cref="Kpis.KpiTotals"/> with the same conventions as the KPI API: the current state's open
    /// tail (from <paramref name="since"/>, clipped to the window) is added; time without any state is no data and
    /// stays planned; PlannedStop is not planned; Down is breakdown, Changeover setup.
    /// </summary>
    public Kpis.KpiTotals ToKpiTotals(Kpis.TimeWindow window, MachineState? current, DateTimeOffset? since)
    {
        var sums = this;
        if (current is { } state && since is { } start && window.Intersect(new Kpis.TimeWindow(start < window.End ? start : window.End, window.End)) is { } tail)
            sums = sums.Add(state, tail.Seconds);
        var noData = Math.Max(0, window.Seconds - sums.StateSeconds);
        return new Kpis.KpiTotals
        {
            PlannedSeconds = sums.StateSeconds - sums.PlannedStopSeconds + noData,
            RunSeconds = sums.RunSeconds,
            BreakdownSeconds = sums.DownSeconds,
            SetupSeconds = sums.ChangeoverSeconds,
            IdleSeconds = sums.IdleSeconds,
            OfflineSeconds = sums.OfflineSeconds,
            NoDataSeconds = noData,
            PlannedStopSeconds = sums.PlannedStopSeconds,
            GoodCount = sums.GoodCount,
            ScrapCount = sums.ScrapCount,
            IdealSecondsTotal = sums.IdealSecondsTotal,
            IdealSecondsGood = sums.IdealSecondsGood,
        };
    }
}

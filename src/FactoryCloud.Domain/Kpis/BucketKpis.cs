using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// One machine's time totals from its bucket sums instead of its state timeline, equal to what
/// <see cref="KpiCalculator"/> computes from the timeline. The buckets hold everything closed; what the query adds:
/// <list type="bullet">
/// <item>the open episode (the latest run of identical changes), classified by its length so far up to now: Running
/// and PlannedStop from the latest change (the buckets hold the closed intervals before it), a loss from its start;</item>
/// <item>breakdowns that began outside planned time and run into it: the engine counts such an episode where it
/// begins, since part of it is planned; the buckets carry it at each minute it covers, so it is counted at the first
/// planned window after its start (<see cref="CarryCheckMinutes"/>);</item>
/// <item>no data: planned time that no state covers (before the machine's first change).</item>
/// </list>
/// The window must start on a whole minute and the planned windows must lie inside it and start and end on whole
/// minutes except at now (a shift calendar does); the bucket sums must cover exactly the planned windows.
/// </summary>
public static class BucketKpis
{
    public static KpiTotals Totals(
        TimeWindow window, IReadOnlyList<TimeWindow> planned, MachineBucketSums sums, IReadOnlyList<CarriedBreakdown> carried,
        OpenRun? open, LossSettings settings, DateTimeOffset now)
    {
        var (run, plannedStop, episodes) = (sums.RunTicks, sums.PlannedStopTicks, sums.BreakdownEpisodes);
        var losses = new Dictionary<LossCategory, long>
        {
            [LossCategory.Breakdown] = sums.BreakdownTicks,
            [LossCategory.SmallStop] = sums.SmallStopTicks,
            [LossCategory.SetupAdjustment] = sums.SetupTicks,
            [LossCategory.Idle] = sums.IdleTicks,
            [LossCategory.Offline] = sums.OfflineTicks,
            [LossCategory.NoData] = sums.NoDataTicks,
        };
        episodes += CountedCarried(window, planned, carried).Count();

        if (open is not null)
        {
            var latest = open.Latest;
            switch (latest.State)
            {
                case MachineState.Running:
                    run += PlannedTicks(planned, latest.At, now);
                    break;
                case MachineState.PlannedStop:
                    plannedStop += PlannedTicks(planned, latest.At, now);
                    break;
                default:
                    var category = OpenCategory(open, settings, now);
                    var ticks = PlannedTicks(planned, open.Start, now);
                    losses[category] += ticks;
                    if (CountsOpenBreakdown(window, category, open, ticks)) episodes++;
                    break;
            }
        }

        var plannedTicks = planned.Sum(p => p.Duration.Ticks);
        var uncovered = Math.Max(0, plannedTicks - run - plannedStop - losses.Values.Sum());
        return KpiTotals.Zero with
        {
            PlannedSeconds = Seconds(plannedTicks - plannedStop),
            RunSeconds = Seconds(run),
            SmallStopSeconds = Seconds(losses[LossCategory.SmallStop]),
            BreakdownSeconds = Seconds(losses[LossCategory.Breakdown]),
            SetupSeconds = Seconds(losses[LossCategory.SetupAdjustment]),
            IdleSeconds = Seconds(losses[LossCategory.Idle]),
            OfflineSeconds = Seconds(losses[LossCategory.Offline]),
            NoDataSeconds = Seconds(uncovered + losses[LossCategory.NoData]),
            PlannedStopSeconds = Seconds(plannedStop),
            BreakdownEpisodes = episodes,
        };
    }

    /// <summary>Planned breakdown time and episodes per reason: the buckets' closed ones plus carried and open ones.</summary>
    public static IReadOnlyList<ReasonDowntime> Downtime(
        TimeWindow window, IReadOnlyList<TimeWindow> planned, IReadOnlyList<ReasonDowntime> closed, IReadOnlyList<CarriedBreakdown> carried,
        OpenRun? open, LossSettings settings, DateTimeOffset now)
    {
        var result = closed.Concat(CountedCarried(window, planned, carried).Select(c => new ReasonDowntime(c.Reason, 0, 1))).ToList();
        if (open is { Latest.State: not (MachineState.Running or MachineState.PlannedStop) })
        {
            var category = OpenCategory(open, settings, now);
            var ticks = PlannedTicks(planned, open.Start, now);
            if (category == LossCategory.Breakdown && ticks > 0)
                result.Add(new ReasonDowntime(open.Latest.Reason, Seconds(ticks), CountsOpenBreakdown(window, category, open, ticks) ? 1 : 0));
        }
        return result;
    }

    /// <summary>The starts of planned windows that follow unplanned time inside the window: where carried breakdowns are looked up.</summary>
    public static IReadOnlyList<DateTimeOffset> CarryCheckMinutes(TimeWindow window, IReadOnlyList<TimeWindow> planned) =>
        planned.Where(p => p.Start > window.Start).Select(p => p.Start).ToList();

    /// <summary>Carried breakdowns that began in the unplanned time right before a planned window (and inside the window).</summary>
    private static IEnumerable<CarriedBreakdown> CountedCarried(TimeWindow window, IReadOnlyList<TimeWindow> planned, IReadOnlyList<CarriedBreakdown> carried)
    {
        if (carried.Count == 0) yield break; // most machines and trend steps: nothing to look up per planned window
        for (var i = 0; i < planned.Count; i++)
        {
            if (planned[i].Start <= window.Start) continue;
            var gapStart = i > 0 ? planned[i - 1].End : window.Start;
            foreach (var breakdown in carried.Where(c => c.Minute == planned[i].Start && c.Start >= gapStart))
                yield return breakdown;
        }
    }

    private static LossCategory OpenCategory(OpenRun open, LossSettings settings, DateTimeOffset now) =>
        settings.Classify(open.Latest.State, open.Latest.Reason, now > open.Start ? now - open.Start : TimeSpan.Zero)
        ?? throw new InvalidOperationException("Running and PlannedStop are not losses.");

    private static bool CountsOpenBreakdown(TimeWindow window, LossCategory category, OpenRun open, long plannedTicks) =>
        category == LossCategory.Breakdown && plannedTicks > 0 && open.Start >= window.Start && open.Start < window.End;

    private static long PlannedTicks(IReadOnlyList<TimeWindow> planned, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return 0;
        var span = new TimeWindow(from, to);
        return planned.Sum(p => span.Intersect(p)?.Duration.Ticks ?? 0);
    }

    private static double Seconds(long ticks) => (double)ticks / TimeSpan.TicksPerSecond;
}

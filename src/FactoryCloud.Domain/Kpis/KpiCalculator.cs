using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Turns one machine's raw telemetry into <see cref="KpiTotals"/> for a window or for buckets of it.
/// Pass <c>now</c> when the window may reach into the future: the last state then holds until <c>now</c>.
/// </summary>
public static class KpiCalculator
{
    public static KpiTotals ForMachine(
        TimeWindow window, MachineKpiInputs inputs, LossSettings settings, DateTimeOffset? now = null)
    {
        var timeline = StateTimeline.Build(window, inputs.States, now);
        return Accumulate(timeline, timeline.Window, inputs, settings);
    }

    /// <summary>An aggregate (line, area, site, tenant): the sum of each machine's totals.</summary>
    public static KpiTotals ForMachines(
        TimeWindow window, IEnumerable<MachineKpiInputs> machines, LossSettings settings, DateTimeOffset? now = null) =>
        KpiTotals.Sum(machines.Select(m => ForMachine(window, m, settings, now)));

    /// <summary>
    /// Totals per bucket of <paramref name="bucketSize"/> from the window start, up to <c>now</c>. The buckets add
    /// up to <see cref="ForMachine"/> over the whole window: stops are classified by their full length and each
    /// breakdown is counted once, in the bucket where it starts.
    /// </summary>
    public static IReadOnlyList<KpiBucket> ForBuckets(
        TimeWindow window, TimeSpan bucketSize, MachineKpiInputs inputs, LossSettings settings, DateTimeOffset? now = null)
    {
        var timeline = StateTimeline.Build(window, inputs.States, now);
        var buckets = timeline.Window.Split(bucketSize);
        // Hand each bucket only its own counts and energy, so a day of minute buckets stays linear in the messages.
        var countsByBucket = inputs.Counts.ToLookup(c => BucketIndex(timeline.Window, bucketSize, c.At));
        var energyByBucket = (inputs.Energy ?? []).ToLookup(e => BucketIndex(timeline.Window, bucketSize, e.At));
        return buckets
            .Select((bucket, i) =>
            {
                var bucketInputs = inputs with { Counts = countsByBucket[i].ToList(), Energy = energyByBucket[i].ToList() };
                return new KpiBucket(
                    bucket,
                    Accumulate(timeline, bucket, bucketInputs, settings),
                    ReasonsWithin(timeline, bucket, inputs.Calendar, settings));
            })
            .ToList();
    }

    /// <summary>Planned breakdown time and episodes per reason, for <see cref="DowntimePareto"/>.</summary>
    public static IReadOnlyList<ReasonDowntime> DowntimeByReason(
        TimeWindow window, MachineKpiInputs inputs, LossSettings settings, DateTimeOffset? now = null)
    {
        var timeline = StateTimeline.Build(window, inputs.States, now);
        return ReasonsWithin(timeline, timeline.Window, inputs.Calendar, settings);
    }

    private static List<ReasonDowntime> ReasonsWithin(
        StateTimeline timeline, TimeWindow part, ShiftCalendar? calendar, LossSettings settings)
    {
        if (part.Intersect(timeline.Window) is not { } window) return [];
        var planned = PlannedWindows(calendar, window);
        return timeline.Within(window)
            .Select(i => (Interval: i, Planned: PlannedSeconds(i, planned), Category: Classify(i, settings)))
            .Where(x => x.Planned > 0 && x.Category == LossCategory.Breakdown)
            .GroupBy(x => x.Interval.Reason, StringComparer.Ordinal)
            .Select(g => new ReasonDowntime(g.Key, g.Sum(x => x.Planned), g.Count(x => x.Interval.StartsEpisode)))
            .ToList();
    }

    private static long BucketIndex(TimeWindow window, TimeSpan bucketSize, DateTimeOffset at) =>
        at < window.Start ? -1 : (at - window.Start).Ticks / bucketSize.Ticks;

    private static KpiTotals Accumulate(
        StateTimeline timeline, TimeWindow part, MachineKpiInputs inputs, LossSettings settings)
    {
        if (part.Intersect(timeline.Window) is not { } window) return KpiTotals.Zero;
        var planned = PlannedWindows(inputs.Calendar, window);
        var totals = AccumulateTime(timeline.Within(window), planned, settings);
        totals = AccumulateCounts(totals, timeline, window, planned, inputs, settings);
        return totals with
        {
            EnergyKwh = (inputs.Energy ?? []).Where(e => window.Contains(e.At)).Sum(e => e.Kwh),
        };
    }

    private static KpiTotals AccumulateTime(
        IReadOnlyList<StateInterval> intervals, IReadOnlyList<TimeWindow> planned, LossSettings settings)
    {
        var totals = KpiTotals.Zero;
        foreach (var interval in intervals)
        {
            var seconds = PlannedSeconds(interval, planned);
            if (seconds <= 0) continue;
            if (interval.State == MachineState.PlannedStop)
            {
                totals = totals with { PlannedStopSeconds = totals.PlannedStopSeconds + seconds };
                continue;
            }

            totals = totals with { PlannedSeconds = totals.PlannedSeconds + seconds };
            totals = (interval.State, Classify(interval, settings)) switch
            {
                (MachineState.Running, _) => totals with { RunSeconds = totals.RunSeconds + seconds },
                (_, LossCategory.Breakdown) => totals with
                {
                    BreakdownSeconds = totals.BreakdownSeconds + seconds,
                    BreakdownEpisodes = totals.BreakdownEpisodes + (interval.StartsEpisode ? 1 : 0),
                },
                (_, LossCategory.SetupAdjustment) => totals with { SetupSeconds = totals.SetupSeconds + seconds },
                (_, LossCategory.SmallStop) => totals with { SmallStopSeconds = totals.SmallStopSeconds + seconds },
                (_, LossCategory.Idle) => totals with { IdleSeconds = totals.IdleSeconds + seconds },
                (_, LossCategory.Offline) => totals with { OfflineSeconds = totals.OfflineSeconds + seconds },
                _ => totals with { NoDataSeconds = totals.NoDataSeconds + seconds },
            };
        }
        return totals;
    }

    private static KpiTotals AccumulateCounts(
        KpiTotals totals,
        StateTimeline timeline,
        TimeWindow window,
        IReadOnlyList<TimeWindow> planned,
        MachineKpiInputs inputs,
        LossSettings settings)
    {
        var startupPeriods = StartupPeriods(timeline, settings);
        foreach (var count in inputs.Counts)
        {
            if (!window.Contains(count.At)) continue;
            var isPlanned = planned.Any(p => p.Contains(count.At))
                && timeline.At(count.At)?.State != MachineState.PlannedStop;
            if (!isPlanned)
            {
                totals = totals with { UnplannedCount = totals.UnplannedCount + count.Total };
                continue;
            }

            var cycleSeconds = inputs.IdealCycleTimes.For(count.Product).TotalSeconds;
            var startupScrap = startupPeriods.Any(p => p.Contains(count.At)) ? count.Scrap : 0;
            totals = totals with
            {
                GoodCount = totals.GoodCount + count.Good,
                ScrapCount = totals.ScrapCount + count.Scrap,
                StartupScrapCount = totals.StartupScrapCount + startupScrap,
                IdealSecondsTotal = totals.IdealSecondsTotal + (cycleSeconds * count.Total),
                IdealSecondsGood = totals.IdealSecondsGood + (cycleSeconds * count.Good),
                IdealSecondsStartupScrap = totals.IdealSecondsStartupScrap + (cycleSeconds * startupScrap),
            };
        }
        return totals;
    }

    /// <summary>The start-up period after each finished breakdown or setup; an ongoing one has no "after" yet.</summary>
    private static List<TimeWindow> StartupPeriods(StateTimeline timeline, LossSettings settings)
    {
        if (settings.StartupPeriod <= TimeSpan.Zero) return [];
        return timeline.Episodes
            .Where(e => !e.IsOngoing
                && settings.Classify(e.State, e.Reason, e.Duration) is LossCategory.Breakdown or LossCategory.SetupAdjustment)
            .Select(e => new TimeWindow(e.End, e.End + settings.StartupPeriod))
            .ToList();
    }

    private static IReadOnlyList<TimeWindow> PlannedWindows(ShiftCalendar? calendar, TimeWindow window) =>
        calendar?.PlannedWithin(window) ?? [window];

    private static double PlannedSeconds(StateInterval interval, IReadOnlyList<TimeWindow> planned) =>
        planned.Sum(p => interval.Window.OverlapSeconds(p));

    /// <summary>The loss category of an interval; NoData for gaps, null for Running and PlannedStop.</summary>
    private static LossCategory? Classify(StateInterval interval, LossSettings settings) =>
        interval.State is { } state
            ? settings.Classify(state, interval.Reason, interval.EpisodeDuration)
            : LossCategory.NoData;
}

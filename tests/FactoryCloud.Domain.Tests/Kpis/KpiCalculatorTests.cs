using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

using Xunit;

using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

public class KpiCalculatorTests
{
    private static readonly LossSettings Defaults = LossSettings.Default;

    [Fact]
    public void Planned_stop_is_excluded_from_planned_time()
    {
        var machine = Machine([State(0, MachineState.Running), State(40, MachineState.PlannedStop), State(50, MachineState.Running)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(50 * 60, totals.PlannedSeconds);
        Assert.Equal(50 * 60, totals.RunSeconds);
        Assert.Equal(10 * 60, totals.PlannedStopSeconds);
        Assert.Equal(1, KpiFigures.From(totals).Availability);
    }

    [Fact]
    public void Time_outside_the_shift_calendar_is_not_planned()
    {
        var machine = Machine(
            [State(0, MachineState.Running), State(30, MachineState.Down), State(45, MachineState.Running)],
            calendar: Calendar((0, 20), (10, 40)));

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(40 * 60, totals.PlannedSeconds);
        Assert.Equal(30 * 60, totals.RunSeconds);
        Assert.Equal(10 * 60, totals.BreakdownSeconds);
    }

    [Fact]
    public void Planned_stop_outside_the_calendar_is_not_counted_twice()
    {
        var machine = Machine(
            [State(0, MachineState.Running), State(30, MachineState.PlannedStop), State(50, MachineState.Running)],
            calendar: Calendar((0, 40)));

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(30 * 60, totals.PlannedSeconds);
        Assert.Equal(10 * 60, totals.PlannedStopSeconds);
    }

    [Fact]
    public void Per_product_ideal_cycle_times_weight_the_counts()
    {
        var cycles = new IdealCycleTimes(TimeSpan.FromSeconds(1), new Dictionary<string, TimeSpan>
        {
            ["A"] = TimeSpan.FromSeconds(2),
            ["B"] = TimeSpan.FromSeconds(4),
        });
        var machine = new MachineKpiInputs(
            [State(0, MachineState.Running)],
            [Count(10, 600, 0, "A"), Count(20, 200, 100, "B"), Count(30, 300, 0, "unknown"), Count(40, 100)],
            cycles);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal((600 * 2) + (300 * 4) + 300 + 100, totals.IdealSecondsTotal);
        Assert.Equal((600 * 2) + (200 * 4) + 300 + 100, totals.IdealSecondsGood);
        Assert.Equal(77.78, Percent(KpiFigures.From(totals).Performance));
    }

    [Fact]
    public void Counts_faster_than_ideal_give_performance_above_100_percent_flagged()
    {
        var machine = Machine([State(0, MachineState.Running)], [Count(30, 4_000)]);

        var figures = KpiFigures.From(KpiCalculator.ForMachine(Window(0, 60), machine, Defaults));

        Assert.Equal(111.11, Percent(figures.Performance));
        Assert.True(figures.PerformanceAboveIdeal);
    }

    [Fact]
    public void Gap_before_the_first_state_is_no_data_and_lowers_availability()
    {
        var machine = Machine([State(15, MachineState.Running)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);
        var figures = KpiFigures.From(totals);

        Assert.Equal(15 * 60, totals.NoDataSeconds);
        Assert.Equal(45 * 60, totals.RunSeconds);
        Assert.Equal(0, totals.BreakdownSeconds);
        Assert.Equal(75.0, Percent(figures.Availability));
        Assert.Equal(75.0, Percent(figures.DataCoverage));
    }

    [Fact]
    public void Offline_is_its_own_unplanned_loss()
    {
        var machine = Machine([State(0, MachineState.Running), State(40, MachineState.Offline)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(20 * 60, totals.OfflineSeconds);
        Assert.Equal(0, totals.NoDataSeconds);
        Assert.Equal(60 * 60, totals.PlannedSeconds);
        Assert.Equal(66.67, Percent(KpiFigures.From(totals).Availability));
    }

    [Fact]
    public void A_tenant_may_count_offline_as_no_data()
    {
        var settings = Defaults.WithRule(MachineState.Offline, null, LossCategory.NoData);
        var machine = Machine([State(0, MachineState.Running), State(40, MachineState.Offline)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, settings);

        Assert.Equal(0, totals.OfflineSeconds);
        Assert.Equal(20 * 60, totals.NoDataSeconds);
    }

    [Fact]
    public void Stops_shorter_than_the_threshold_are_small_stops_and_stay_in_operating_time()
    {
        var machine = Machine(
        [
            State(0, MachineState.Running),
            State(10, MachineState.Down, "jam"),
            State(11, MachineState.Running),
            State(20, MachineState.Idle),
            State(21.5, MachineState.Running),
            State(30, MachineState.Down, "jam"),
            State(35, MachineState.Running),
        ]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);
        var figures = KpiFigures.From(totals);

        Assert.Equal(2.5 * 60, totals.SmallStopSeconds);
        Assert.Equal(5 * 60, totals.BreakdownSeconds);
        Assert.Equal(1, totals.BreakdownEpisodes);
        Assert.Equal(55 * 60, totals.ActualProductionSeconds);
        Assert.Equal(91.67, Percent(figures.Availability));
    }

    [Fact]
    public void A_raised_threshold_turns_a_breakdown_into_a_small_stop()
    {
        var settings = Defaults with { SmallStopThreshold = TimeSpan.FromMinutes(10) };
        var machine = Machine([State(0, MachineState.Running), State(30, MachineState.Down), State(35, MachineState.Running)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, settings);

        Assert.Equal(5 * 60, totals.SmallStopSeconds);
        Assert.Equal(0, totals.BreakdownEpisodes);
    }

    [Fact]
    public void A_long_stop_is_not_mistaken_for_a_small_stop_at_the_window_edge()
    {
        // 30 s of a 5-minute breakdown fall in the window.
        var machine = Machine([State(0, MachineState.Down), State(5, MachineState.Running)]);

        var totals = KpiCalculator.ForMachine(Window(4.5, 60), machine, Defaults);

        Assert.Equal(30, totals.BreakdownSeconds);
        Assert.Equal(0, totals.SmallStopSeconds);
        Assert.Equal(0, totals.BreakdownEpisodes);
    }

    [Fact]
    public void A_stop_reason_can_be_mapped_to_another_loss()
    {
        var settings = Defaults.WithRule(MachineState.Down, "tool-change", LossCategory.SetupAdjustment);
        var machine = Machine(
        [
            State(0, MachineState.Running),
            State(10, MachineState.Down, "tool-change"),
            State(20, MachineState.Down, "jam"),
            State(30, MachineState.Running),
        ]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, settings);

        Assert.Equal(10 * 60, totals.SetupSeconds);
        Assert.Equal(10 * 60, totals.BreakdownSeconds);
        Assert.Equal(1, totals.BreakdownEpisodes);
    }

    [Fact]
    public void Scrap_within_the_start_up_period_after_a_changeover_or_breakdown_is_a_start_up_reject()
    {
        var settings = Defaults with { StartupPeriod = TimeSpan.FromMinutes(5) };
        var machine = Machine(
            [
                State(0, MachineState.Changeover),
                State(10, MachineState.Running),
                State(30, MachineState.Down),
                State(40, MachineState.Running),
            ],
            [Count(12, 50, 7), Count(20, 100, 3), Count(41, 50, 2), Count(45, 10, 1)],
            idealCycleSeconds: 2);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, settings);

        Assert.Equal(13, totals.ScrapCount);
        Assert.Equal(9, totals.StartupScrapCount);
        Assert.Equal(18, totals.IdealSecondsStartupScrap);
    }

    [Fact]
    public void Without_a_start_up_period_all_scrap_is_production_rejects()
    {
        var machine = Machine([State(0, MachineState.Changeover), State(10, MachineState.Running)], [Count(11, 50, 7)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(7, totals.ScrapCount);
        Assert.Equal(0, totals.StartupScrapCount);
    }

    [Fact]
    public void Small_stops_and_ongoing_stops_start_no_start_up_period()
    {
        var settings = Defaults with { StartupPeriod = TimeSpan.FromMinutes(5) };
        var machine = Machine(
            [State(0, MachineState.Running), State(10, MachineState.Down), State(10.5, MachineState.Running), State(50, MachineState.Down)],
            [Count(11, 10, 4)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, settings);

        Assert.Equal(0, totals.StartupScrapCount);
    }

    [Fact]
    public void Counts_belong_to_the_window_containing_their_timestamp()
    {
        var machine = Machine([State(0, MachineState.Running)], [Count(0, 1), Count(30, 10), Count(60, 100)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(11, totals.GoodCount);
    }

    [Fact]
    public void Counts_outside_planned_time_are_kept_apart()
    {
        var machine = Machine(
            [State(0, MachineState.Running), State(20, MachineState.PlannedStop), State(30, MachineState.Running)],
            [Count(10, 5), Count(25, 7, 1), Count(50, 11)],
            calendar: Calendar((0, 40)));

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(5, totals.GoodCount);
        Assert.Equal(0, totals.ScrapCount);
        Assert.Equal(19, totals.UnplannedCount);
    }

    [Fact]
    public void Energy_counts_every_increment_in_the_window()
    {
        var machine = Machine(
            [State(0, MachineState.Running), State(30, MachineState.PlannedStop)],
            [Count(10, 200)],
            energy: [new(Min(-1), 100), new(Min(10), 2.5), new(Min(45), 1.5), new(Min(60), 100)]);

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(4.0, totals.EnergyKwh);
        Assert.Equal(0.02, KpiFigures.From(totals).EnergyPerGoodUnit);
    }

    [Fact]
    public void A_window_ending_in_the_future_stops_at_now()
    {
        var machine = Machine([State(0, MachineState.Running), State(30, MachineState.Down)], [Count(10, 100), Count(50, 100)]);

        var totals = KpiCalculator.ForMachine(Window(0, 480), machine, Defaults, now: Min(40));

        Assert.Equal(40 * 60, totals.PlannedSeconds);
        Assert.Equal(10 * 60, totals.BreakdownSeconds);
        Assert.Equal(100, totals.GoodCount);
    }

    [Fact]
    public void Planned_time_is_partitioned_by_the_time_categories()
    {
        var machine = Machine(
        [
            State(5, MachineState.Running),
            State(10, MachineState.Down),
            State(10.5, MachineState.Running),
            State(15, MachineState.Changeover),
            State(25, MachineState.Idle),
            State(30, MachineState.Down),
            State(40, MachineState.PlannedStop),
            State(45, MachineState.Offline),
            State(50, MachineState.Running),
        ], calendar: Calendar((0, 55)));

        var totals = KpiCalculator.ForMachine(Window(0, 60), machine, Defaults);

        Assert.Equal(50 * 60, totals.PlannedSeconds);
        Assert.Equal(totals.PlannedSeconds, PartitionSum(totals), 6);
        Assert.Equal(5 * 60, totals.NoDataSeconds);
    }

    [Fact]
    public void Buckets_add_up_to_the_whole_window()
    {
        var machine = Machine(
            [
                State(-30, MachineState.Down, "jam"),
                State(20, MachineState.Running),
                State(59, MachineState.Down, "jam"),
                State(62, MachineState.Running),
                State(100, MachineState.Idle),
                State(101, MachineState.Running),
                State(130, MachineState.Changeover),
                State(150, MachineState.Running),
                State(170, MachineState.Down, "motor"),
            ],
            [Count(25, 500, 6), Count(60, 5, 5), Count(125, 900, 20), Count(155, 50, 9)],
            calendar: Calendar((0, 110), (120, 180)),
            energy: [new(Min(1), 1), new(Min(119), 2)]);
        var settings = Defaults with { StartupPeriod = TimeSpan.FromMinutes(10) };
        var window = Window(0, 180);

        var whole = KpiCalculator.ForMachine(window, machine, settings, now: Min(175));
        var buckets = KpiCalculator.ForBuckets(window, TimeSpan.FromMinutes(15), machine, settings, now: Min(175));
        var summed = KpiTotals.Sum(buckets.Select(b => b.Totals));

        Assert.Equal(12, buckets.Count);
        Assert.Equal(Window(165, 175), buckets[^1].Window);
        // Whole minutes sum exactly in floating point, so the totals must match exactly.
        Assert.Equal(whole, summed);
        Assert.Equal(2, whole.BreakdownEpisodes);
        Assert.Equal(60, whole.SmallStopSeconds);
        Assert.Equal(60, buckets[3].Totals.BreakdownSeconds);
        Assert.Equal(15, whole.StartupScrapCount);
    }

    [Fact]
    public void Bucket_downtime_by_reason_adds_up_to_the_whole_window()
    {
        var machine = Machine(
        [
            State(0, MachineState.Running),
            State(50, MachineState.Down, "jam"),
            State(70, MachineState.Running),
            State(80, MachineState.Down, "motor"),
            State(81, MachineState.Running),
            State(100, MachineState.Down, "jam"),
            State(130, MachineState.Running),
        ]);
        var window = Window(0, 180);

        var buckets = KpiCalculator.ForBuckets(window, TimeSpan.FromHours(1), machine, Defaults);
        var fromBuckets = DowntimePareto.Build(buckets.SelectMany(b => b.DowntimeByReason));
        var whole = DowntimePareto.Build(KpiCalculator.DowntimeByReason(window, machine, Defaults));

        Assert.Equal(whole, fromBuckets);
        Assert.Equal(new ParetoEntry("jam", 50 * 60, 2, 1, 1), Assert.Single(whole));
        Assert.Equal([new ReasonDowntime("jam", 10 * 60, 1)], buckets[0].DowntimeByReason);
    }

    [Fact]
    public void Aggregating_machines_sums_their_totals()
    {
        var big = Machine([State(0, MachineState.Running)], [Count(10, 3_000)]);
        var small = Machine([State(0, MachineState.Down), State(30, MachineState.Running)], [Count(40, 900)]);
        var window = Window(0, 60);

        var aggregate = KpiCalculator.ForMachines(window, [big, small], Defaults);

        Assert.Equal(
            KpiCalculator.ForMachine(window, big, Defaults) + KpiCalculator.ForMachine(window, small, Defaults),
            aggregate);
    }

    [Fact]
    public void Downtime_by_reason_sums_planned_breakdowns()
    {
        var machine = Machine(
            [
                State(-10, MachineState.Down, "jam"),
                State(5, MachineState.Running),
                State(10, MachineState.Down, "jam"),
                State(20, MachineState.Down, "motor"),
                State(50, MachineState.Down),
                State(50.5, MachineState.Running),
                State(55, MachineState.Down, "motor"),
            ],
            calendar: Calendar((0, 58)));

        var byReason = KpiCalculator.DowntimeByReason(Window(0, 60), machine, Defaults)
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [new ReasonDowntime("jam", 15 * 60, 1), new ReasonDowntime("motor", 33 * 60, 2)],
            byReason);
    }
}

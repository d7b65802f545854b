using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

/// <summary>
/// <see cref="BucketKpis"/> from the sums the processor writes (<see cref="BucketAccumulator"/>, closed loss episodes of
/// <see cref="MachineStateTimeline"/>) gives what <see cref="KpiCalculator"/> gives from the whole timeline.
/// </summary>
public sealed class BucketKpisTests
{
    private static readonly Guid MachineId = Guid.NewGuid();

    [Fact]
    public void AStopAcrossAnHourIsASmallStopInBothBucketsAndCountedOnceAsTime()
    {
        // 06:59:30–07:00:40: 70 s, split 30 s / 40 s across the hour; the breakdown 07:10–07:20 is one episode.
        var changes = new[]
        {
            State(0, MachineState.Running), State(59.5, MachineState.Down, "jam"), new StateChange(T0.AddSeconds(3640), MachineState.Running),
            State(70, MachineState.Down, "motor"), State(80, MachineState.Running),
        };
        var buckets = Write(changes, LossSettings.Default);

        var hours = buckets.Buckets(Guid.Empty).Where(b => b.Size == BucketSize.Hour).OrderBy(b => b.Start).ToList();
        Assert.Equal([30 * TimeSpan.TicksPerSecond, 40 * TimeSpan.TicksPerSecond], hours.Select(b => b.SmallStopTicks));
        Assert.Equal([0, 600 * TimeSpan.TicksPerSecond], hours.Select(b => b.BreakdownTicks));
        Assert.Equal([0L, 1L], hours.Select(b => b.BreakdownEpisodes));
        var minutes = buckets.Buckets(Guid.Empty).Where(b => b.Size == BucketSize.Minute && b.SmallStopTicks > 0).OrderBy(b => b.Start).ToList();
        Assert.Equal([Min(59), Min(60)], minutes.Select(b => b.Start));

        AssertEqualsTimeline(changes, Window(0, 120), calendar: null, LossSettings.Default, now: Min(120));
    }

    [Fact]
    public void ALateChangeReclassifiesTheEpisodesItSplits()
    {
        // Down 10–13 is a breakdown (3 min); a late Running at 11.5 makes it a small stop 10–11.5 and running after.
        var stored = new[] { State(0, MachineState.Running), State(10, MachineState.Down, "jam"), State(13, MachineState.Running) };
        var buckets = Write(stored, LossSettings.Default);
        var timeline = new MachineStateTimeline(Guid.Empty, MachineId, stored.Select(Row), LossSettings.Default);
        timeline.Apply(Min(11.5), MachineState.Running, null, buckets);
        timeline.Finish(buckets);

        var hour = buckets.Buckets(Guid.Empty).Single(b => b.Size == BucketSize.Hour);
        Assert.Equal(0, hour.BreakdownTicks);
        Assert.Equal(0, hour.BreakdownEpisodes);
        Assert.Equal(90 * TimeSpan.TicksPerSecond, hour.SmallStopTicks);
        Assert.Equal(0, buckets.DowntimeBuckets(Guid.Empty).Sum(d => d.CarriedBreakdowns));
    }

    [Fact]
    public void ABreakdownStartingInABreakIsCountedWhereThePlannedTimeBegins()
    {
        // Planned 0–60 and 90–180; down 80–100 (unplanned start, 10 min planned), another 150–170.
        var changes = new[]
        {
            State(0, MachineState.Running), State(80, MachineState.Down, "tool"), State(100, MachineState.Running),
            State(150, MachineState.Down, "tool"), State(170, MachineState.Running),
        };
        var calendar = Calendar((0, 60), (90, 180));
        var totals = AssertEqualsTimeline(changes, Window(0, 240), calendar, LossSettings.Default, now: Min(240));

        Assert.Equal(2, totals.BreakdownEpisodes);
        Assert.Equal(30 * 60, totals.BreakdownSeconds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomTimelinesGiveTheSameTotalsAndParetoAsTheTimeline(int seed)
    {
        var random = new Random(seed);
        var changes = RandomChanges(random, minutes: 3 * 24 * 60);
        var settings = LossSettings.Default with { SmallStopThreshold = TimeSpan.FromSeconds(random.Next(0, 600)) };
        settings = settings.WithRule(MachineState.Idle, "waiting", LossCategory.Breakdown).WithRule(MachineState.Down, "material", LossCategory.Idle);
        var calendar = Calendar(Enumerable.Range(0, 3).SelectMany(day => new[] { ((day * 1440) + 360.0, (day * 1440) + 540.0), ((day * 1440) + 570.0, (day * 1440) + 1320.0) }).ToArray());
        var now = Min((3 * 24 * 60) - random.Next(0, 200) - (random.Next(0, 60) / 61.0));
        for (var i = 0; i < 20; i++)
        {
            var from = random.Next(0, 3 * 24 * 60);
            var to = from + random.Next(1, 2 * 24 * 60);
            AssertEqualsTimeline(changes, Window(from, to), i % 4 == 0 ? null : calendar, settings, now);
        }
    }

    private static StateChange[] RandomChanges(Random random, int minutes)
    {
        var changes = new List<StateChange>();
        string?[] reasons = [null, "jam", "material", "waiting"];
        var state = MachineState.Running;
        string? reason = null;
        for (var at = 30.0 + random.Next(0, 300); at < minutes; at += random.Next(0, 3) == 0 ? random.Next(10, 200) / 60.0 : random.Next(2, 40))
        {
            if (random.Next(0, 10) > 0)
            {
                state = (MachineState)random.Next(0, 6);
                reason = state == MachineState.Running ? null : reasons[random.Next(reasons.Length)];
            }
            changes.Add(State(Math.Round(at, 4), state, reason));
        }
        return changes.ToArray();
    }

    private static MachineStateChange Row(StateChange change) =>
        new() { MachineId = MachineId, At = MachineStateChange.Normalize(change.At), State = change.State, Reason = change.Reason };

    /// <summary>The processor's sums for these changes all arriving at once.</summary>
    private static BucketAccumulator Write(IReadOnlyList<StateChange> changes, LossSettings settings)
    {
        var buckets = new BucketAccumulator();
        var timeline = new MachineStateTimeline(Guid.Empty, MachineId, [], settings);
        foreach (var change in changes) timeline.Apply(change.At, change.State, change.Reason, buckets);
        timeline.Finish(buckets);
        return buckets;
    }

    private static KpiTotals AssertEqualsTimeline(
        IReadOnlyList<StateChange> changes, TimeWindow window, ShiftCalendar? calendar, LossSettings settings, DateTimeOffset now)
    {
        var rows = changes.Select(Row).ToList();
        var states = rows.Where(r => r.At < now).Select(r => new StateChange(r.At, r.State, r.Reason)).ToList();
        var buckets = Write(states, settings);
        var evaluated = new TimeWindow(window.Start, now < window.End ? (now > window.Start ? now : window.Start) : window.End);
        var planned = calendar?.PlannedWithin(evaluated) ?? [evaluated];
        var plan = BucketPlan.For(planned);
        var read = buckets.Buckets(Guid.Empty).Where(b => plan.Covers(b.Size, b.Start)).ToList();
        var sums = new MachineBucketSums(
            read.Sum(b => b.RunTicks), read.Sum(b => b.PlannedStopTicks), read.Sum(b => b.BreakdownTicks), read.Sum(b => b.SmallStopTicks),
            read.Sum(b => b.SetupTicks), read.Sum(b => b.IdleLossTicks), read.Sum(b => b.OfflineLossTicks), read.Sum(b => b.NoDataLossTicks),
            read.Sum(b => b.BreakdownEpisodes));
        var checkMinutes = BucketKpis.CarryCheckMinutes(evaluated, planned);
        var downtime = buckets.DowntimeBuckets(Guid.Empty).ToList();
        var carried = downtime.Where(d => d.Size == BucketSize.Minute && checkMinutes.Contains(d.Start) && d.CarriedBreakdowns > 0)
            .Select(d => new CarriedBreakdown(d.Start, new DateTimeOffset(d.CarriedBreakdownStartTicks, TimeSpan.Zero), d.Reason == "" ? null : d.Reason))
            .ToList();
        var closed = downtime.Where(d => plan.Covers(d.Size, d.Start))
            .Select(d => new ReasonDowntime(d.Reason == "" ? null : d.Reason, (double)d.BreakdownTicks / TimeSpan.TicksPerSecond, d.BreakdownEpisodes))
            .ToList();
        var open = states.Count == 0 ? null
            : new OpenRun(MachineStateTimeline.LastRunStartOf(rows.Where(r => r.At < now).ToList())!.Value, states[^1]);

        var inputs = Machine(states, calendar: calendar);
        var expected = KpiCalculator.ForMachine(window, inputs, settings, now);
        var actual = BucketKpis.Totals(evaluated, planned, sums, carried, open, settings, now);
        var message = $"window {window.Start:HH:mm:ss}+{window.Duration}, now {now:dd HH:mm:ss}: expected {expected}, actual {actual}";
        foreach (var (e, a) in new[]
                 {
                     (expected.PlannedSeconds, actual.PlannedSeconds), (expected.RunSeconds, actual.RunSeconds),
                     (expected.BreakdownSeconds, actual.BreakdownSeconds), (expected.SmallStopSeconds, actual.SmallStopSeconds),
                     (expected.SetupSeconds, actual.SetupSeconds), (expected.IdleSeconds, actual.IdleSeconds),
                     (expected.OfflineSeconds, actual.OfflineSeconds), (expected.NoDataSeconds, actual.NoDataSeconds),
                     (expected.PlannedStopSeconds, actual.PlannedStopSeconds),
                 })
            Assert.True(Math.Abs(e - a) < 1e-6, message);
        Assert.True(expected.BreakdownEpisodes == actual.BreakdownEpisodes, message);

        var expectedPareto = DowntimePareto.Build(KpiCalculator.DowntimeByReason(window, inputs, settings, now));
        var actualPareto = DowntimePareto.Build(BucketKpis.Downtime(evaluated, planned, closed, carried, open, settings, now));
        Assert.Equal(expectedPareto.Select(p => (p.Reason, Math.Round(p.Seconds, 6), p.Episodes)), actualPareto.Select(p => (p.Reason, Math.Round(p.Seconds, 6), p.Episodes)));
        return actual;
    }
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class BucketPlanTests
{
    private static readonly DateTimeOffset H = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private static TimeWindow Minutes(double from, double to) => new(H.AddMinutes(from), H.AddMinutes(to));

    [Fact]
    public void WholePlannedHoursReadHourBucketsAndTheRestMinuteBuckets()
    {
        // 06:30 to 09:15: minutes 06:30–06:59, hours 07 and 08, minutes 09:00–09:14.
        var plan = BucketPlan.For([Minutes(30, 195)]);

        Assert.Equal([H.AddHours(1), H.AddHours(2)], plan.HourStarts);
        Assert.Equal(30 + 15, plan.MinuteStarts.Count);
        Assert.Equal(H.AddMinutes(30), plan.MinuteStarts[0]);
        Assert.Equal(H.AddMinutes(194), plan.MinuteStarts[^1]);
    }

    [Fact]
    public void ConsecutiveBucketsOfASizeFormOneRunEach()
    {
        // 06:00–06:20 and 06:30–09:15: minutes 06:00–06:19 and 06:30–06:59 (two runs), hours 07–08 (one),
        // minutes 09:00–09:14 (a third run of minutes).
        var plan = BucketPlan.For([Minutes(0, 20), Minutes(30, 195)]);

        Assert.Equal([(H, H.AddMinutes(19)), (H.AddMinutes(30), H.AddMinutes(59)), (H.AddMinutes(180), H.AddMinutes(194))], plan.Runs(BucketSize.Minute));
        Assert.Equal([(H.AddHours(1), H.AddHours(2))], plan.Runs(BucketSize.Hour));
        Assert.Empty(plan.Runs(BucketSize.Day));
    }

    [Fact]
    public void ABreakInsideAnHourTurnsThatHourIntoMinutes()
    {
        var plan = BucketPlan.For([Minutes(0, 20), Minutes(30, 120)]);

        Assert.Equal([H.AddHours(1)], plan.HourStarts);
        Assert.Equal(20 + 30, plan.MinuteStarts.Count);
        Assert.DoesNotContain(H.AddMinutes(25), plan.MinuteStarts);
    }

    [Fact]
    public void ThePartialMinuteAtNowIsRead()
    {
        var plan = BucketPlan.For([new TimeWindow(H, H.AddMinutes(2).AddSeconds(10))]);

        Assert.Empty(plan.HourStarts);
        Assert.Equal([H, H.AddMinutes(1), H.AddMinutes(2)], plan.MinuteStarts);
        Assert.True(plan.Covers(Domain.MachineHistory.BucketSize.Minute, H.AddMinutes(2)));
        Assert.False(plan.Covers(Domain.MachineHistory.BucketSize.Hour, H));
    }

    [Fact]
    public void NothingPlannedReadsNothing()
    {
        var plan = BucketPlan.For([]);

        Assert.Empty(plan.HourStarts);
        Assert.Empty(plan.MinuteStarts);
    }

    [Fact]
    public void WeeksStartOnMondayAndDaysAtUtcMidnight()
    {
        var thursday = new DateTimeOffset(2026, 1, 1, 13, 5, 7, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 12, 29, 0, 0, 0, TimeSpan.Zero), Domain.MachineHistory.BucketSize.Week.StartOf(thursday));
        Assert.Equal(DayOfWeek.Monday, Domain.MachineHistory.BucketSize.Week.StartOf(thursday).DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Domain.MachineHistory.BucketSize.Day.StartOf(thursday));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), Domain.MachineHistory.BucketSize.Week.StartOf(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ALongWindowReadsMinutesAtItsEdgesThenHoursThenDaysAndWeeksInTheMiddle()
    {
        // Thursday 2026-01-01 22:30 to Wednesday 2026-01-21 01:15 UTC.
        var from = new DateTimeOffset(2026, 1, 1, 22, 30, 0, TimeSpan.Zero);
        var plan = BucketPlan.For([new TimeWindow(from, new DateTimeOffset(2026, 1, 21, 1, 15, 0, TimeSpan.Zero))]);

        Assert.Equal(30 + 15, plan.MinuteStarts.Count);
        Assert.Equal([from.AddMinutes(30), new DateTimeOffset(2026, 1, 21, 0, 0, 0, TimeSpan.Zero)], plan.HourStarts);
        Assert.Equal([2, 3, 4, 19, 20], plan.DayStarts.Select(d => d.Day));
        Assert.Equal([5, 12], plan.WeekStarts.Select(w => w.Day));
    }

    [Fact]
    public void EveryPlannedMinuteIsCoveredByExactlyOneBucketWhateverTheAlignment()
    {
        var random = new Random(3);
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var run = 0; run < 200; run++)
        {
            var planned = new List<TimeWindow>();
            var at = origin.AddMinutes(random.Next(0, 20_000));
            for (var i = 0; i < random.Next(1, 5); i++)
            {
                var end = at.AddMinutes(random.Next(1, 30_000));
                planned.Add(new TimeWindow(at, end));
                at = end.AddMinutes(random.Next(1, 3_000));
            }
            var plan = BucketPlan.For(planned);
            var covered = Domain.MachineHistory.BucketSizes.All
                .SelectMany(size => plan.Starts(size).Select(start => new TimeWindow(start, start + size.Length())))
                .OrderBy(w => w.Start).ToList();

            for (var i = 1; i < covered.Count; i++) Assert.True(covered[i - 1].End <= covered[i].Start, "Buckets overlap.");
            Assert.Equal(planned.Sum(p => p.Duration.Ticks), covered.Sum(c => c.Duration.Ticks));
            Assert.All(covered, c => Assert.Contains(planned, p => p.Start <= c.Start && c.End <= p.End));
        }
    }

    [Fact]
    public void StepsAreComposedOnTheirOwnSoNoBucketCrossesAStep()
    {
        var monday = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var planned = new[] { new TimeWindow(monday, monday.AddDays(14)) };
        // Days from 06:00 (a local day in UTC-6, say), the first from the window's start.
        var steps = Enumerable.Range(0, 14).Select(d => new TimeWindow(monday.AddDays(d).AddHours(6), monday.AddDays(d + 1).AddHours(6)))
            .Prepend(new TimeWindow(monday, monday.AddHours(6))).ToList();

        var plan = BucketPlan.ForSteps(planned, steps);

        Assert.Empty(plan.WeekStarts);
        Assert.Empty(plan.DayStarts);
        Assert.Equal((13 * 24) + 6 + 18, plan.HourStarts.Count);
        Assert.Equal(BucketPlan.For(planned).WeekStarts, [monday, monday.AddDays(7)]);
    }
}

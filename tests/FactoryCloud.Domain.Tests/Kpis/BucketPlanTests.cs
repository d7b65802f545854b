using FactoryCloud.Domain.Kpis;
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
        Assert.True(plan.Covers(Domain.Ingestion.BucketSize.Minute, H.AddMinutes(2)));
        Assert.False(plan.Covers(Domain.Ingestion.BucketSize.Hour, H));
    }

    [Fact]
    public void NothingPlannedReadsNothing()
    {
        var plan = BucketPlan.For([]);

        Assert.Empty(plan.HourStarts);
        Assert.Empty(plan.MinuteStarts);
    }
}

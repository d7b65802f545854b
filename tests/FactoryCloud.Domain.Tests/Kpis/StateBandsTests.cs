using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class StateBandsTests
{
    private static readonly DateTimeOffset D = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static double[] Seconds(double run = 0, double idle = 0, double down = 0, double changeover = 0, double plannedStop = 0, double offline = 0) =>
        [run, idle, down, changeover, plannedStop, offline];

    [Fact]
    public void TheResolutionIsTheSmallestBucketWithAtMostAThousandInTheWindow()
    {
        Assert.Equal(BucketSize.Minute, StateBands.Resolution(new TimeWindow(D, D.AddHours(16))));
        Assert.Equal(BucketSize.Hour, StateBands.Resolution(new TimeWindow(D, D.AddDays(30))));
        Assert.Equal(BucketSize.Day, StateBands.Resolution(new TimeWindow(D, D.AddDays(365))));
        Assert.Equal(BucketSize.Week, StateBands.Resolution(new TimeWindow(D, D.AddDays(3650))));
    }

    [Fact]
    public void EachBucketShowsItsDominantStateAndEqualNeighboursMerge()
    {
        var seconds = new Dictionary<DateTimeOffset, double[]>
        {
            [D] = Seconds(run: 50_000, down: 36_400),
            [D.AddDays(1)] = Seconds(run: 40_000, down: 46_400),
            [D.AddDays(2)] = Seconds(down: 60_000, idle: 26_400),
            [D.AddDays(3)] = Seconds(idle: 1_000), // mostly no data
        };

        var bands = StateBands.Build(new TimeWindow(D, D.AddDays(4)), BucketSize.Day, seconds, latest: null, now: D.AddDays(10));

        Assert.Equal([MachineState.Running, MachineState.Down, null], bands.Select(b => b.State));
        Assert.Equal([D, D.AddDays(1), D.AddDays(3)], bands.Select(b => b.Start));
        Assert.Equal(D.AddDays(4), bands[^1].End);
    }

    [Fact]
    public void TheCurrentStateCountsFromTheLatestChangeUntilNowAndTheBandEndsAtNow()
    {
        var now = D.AddDays(1).AddHours(12);
        var seconds = new Dictionary<DateTimeOffset, double[]> { [D] = Seconds(run: 86_400), [D.AddDays(1)] = Seconds(run: 3_600) };

        // Running (closed) until 01:00 on day 2, then Down from 01:00 until now: 11 h of the 12 h covered.
        var bands = StateBands.Build(new TimeWindow(D, now), BucketSize.Day, seconds, new StateChange(D.AddDays(1).AddHours(1), MachineState.Down, "jam"), now);

        Assert.Equal([MachineState.Running, MachineState.Down], bands.Select(b => b.State));
        Assert.Equal(now, bands[^1].End);
    }

    [Fact]
    public void AZoomedPartReplacesThatPartOfTheWholeBand()
    {
        static StateInterval Interval(int fromHour, int toHour, MachineState? state) =>
            new(D.AddHours(fromHour), D.AddHours(toHour), state, null, D.AddHours(fromHour), D.AddHours(toHour));
        var whole = new[] { Interval(0, 24, MachineState.Running), Interval(24, 48, MachineState.Down) };
        var detail = new[] { Interval(18, 21, MachineState.Idle), Interval(21, 30, MachineState.Running) };

        var spliced = StateBands.Splice(whole, detail, new TimeWindow(D.AddHours(20), D.AddHours(26)));

        Assert.Equal(
            [(0, 20, MachineState.Running), (20, 21, MachineState.Idle), (21, 26, MachineState.Running), (26, 48, MachineState.Down)],
            spliced.Select(i => ((int)(i.Start - D).TotalHours, (int)(i.End - D).TotalHours, i.State)));
    }
}

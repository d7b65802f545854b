using FactoryCloud.Domain.Kpis;
using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public sealed class TimeBeforeFirstDataTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static TimeWindow Hours(double from, double to) => new(Midnight.AddHours(from), Midnight.AddHours(to));

    [Fact]
    public void NoDataBeforeTheFirstMessageLeavesPlannedTimeAndIsReportedOnItsOwn()
    {
        // Planned 06:00-14:00; the machine first reports at 10:00 and runs until 11:00, then no data until 14:00.
        var totals = KpiTotals.Zero with { PlannedSeconds = 8 * 3600, RunSeconds = 3600, NoDataSeconds = 7 * 3600 };

        var result = TimeBeforeFirstData.Exclude(totals, [Hours(6, 14)], Midnight.AddHours(10));

        Assert.Equal(4 * 3600, result.BeforeFirstDataSeconds);
        Assert.Equal(4 * 3600, result.PlannedSeconds);
        Assert.Equal(3 * 3600, result.NoDataSeconds);
        Assert.Equal(0.25, KpiFigures.From(result).Availability);
    }

    [Fact]
    public void OnlyPlannedTimeBeforeTheFirstMessageCounts()
    {
        // Two shifts with a gap; first data at 15:00, inside the second shift.
        var totals = KpiTotals.Zero with { PlannedSeconds = 12 * 3600, NoDataSeconds = 12 * 3600 };

        var result = TimeBeforeFirstData.Exclude(totals, [Hours(6, 12), Hours(13, 19)], Midnight.AddHours(15));

        Assert.Equal(8 * 3600, result.BeforeFirstDataSeconds);
        Assert.Equal(4 * 3600, result.NoDataSeconds);
    }

    [Fact]
    public void AMachineThatNeverSentDataHasNoPlannedTime()
    {
        var totals = KpiTotals.Zero with { PlannedSeconds = 8 * 3600, NoDataSeconds = 8 * 3600 };

        var result = TimeBeforeFirstData.Exclude(totals, [Hours(6, 14)], firstDataAt: null);

        Assert.Equal(0, result.PlannedSeconds);
        Assert.Equal(8 * 3600, result.BeforeFirstDataSeconds);
        Assert.Null(KpiFigures.From(result).Oee);
    }

    [Fact]
    public void TimeAStateCoversIsNeverMovedEvenBeforeTheFirstMessage()
    {
        // A backfilled state covers 06:00-10:00 although the first message arrived at 10:00: only 1 h is no data.
        var totals = KpiTotals.Zero with { PlannedSeconds = 8 * 3600, RunSeconds = 7 * 3600, NoDataSeconds = 3600 };

        var result = TimeBeforeFirstData.Exclude(totals, [Hours(6, 14)], Midnight.AddHours(10));

        Assert.Equal(3600, result.BeforeFirstDataSeconds);
        Assert.Equal(7 * 3600, result.PlannedSeconds);
        Assert.Equal(7 * 3600, result.RunSeconds);
        Assert.Equal(0, result.NoDataSeconds);
    }

    [Fact]
    public void AWindowAfterTheFirstMessageIsUnchanged()
    {
        var totals = KpiTotals.Zero with { PlannedSeconds = 8 * 3600, RunSeconds = 6 * 3600, NoDataSeconds = 2 * 3600 };

        Assert.Equal(totals, TimeBeforeFirstData.Exclude(totals, [Hours(6, 14)], Midnight.AddHours(-3)));
    }

    [Fact]
    public void ExcludedTimeAddsUpAcrossMachines()
    {
        var a = KpiTotals.Zero with { BeforeFirstDataSeconds = 60 };
        var b = KpiTotals.Zero with { BeforeFirstDataSeconds = 30 };

        Assert.Equal(90, (a + b).BeforeFirstDataSeconds);
    }
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class TimeRangesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly WeeklyShiftCalendar NoShifts = new([], Berlin);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void TodayRunsFromLocalMidnightToLocalMidnight()
    {
        var today = TimeRanges.Resolve(TimeRangeKind.Today, Utc(1, 5, 23, 30), NoShifts); // 00:30 on 6 January in Berlin

        Assert.Equal(new TimeWindow(Utc(1, 5, 23), Utc(1, 6, 23)), today);
    }

    [Fact]
    public void TheSpringChangeDayHas23HoursAndTheAutumnOne25()
    {
        Assert.Equal(TimeSpan.FromHours(23), TimeRanges.Resolve(TimeRangeKind.Today, Utc(3, 29, 12), NoShifts).Duration);
        Assert.Equal(TimeSpan.FromHours(25), TimeRanges.Resolve(TimeRangeKind.Today, Utc(10, 25, 12), NoShifts).Duration);
    }

    [Fact]
    public void YesterdayIsTheLocalDayBefore()
    {
        var yesterday = TimeRanges.Resolve(TimeRangeKind.Yesterday, Utc(3, 30, 8), NoShifts);

        Assert.Equal(new TimeWindow(Utc(3, 28, 23), Utc(3, 29, 22)), yesterday); // Sunday 29 March, 23 hours
    }

    [Fact]
    public void LastSevenAndThirtyDaysAreWholeLocalDaysEndingWithToday()
    {
        var now = Utc(4, 2, 10);

        var seven = TimeRanges.Resolve(TimeRangeKind.Last7Days, now, NoShifts);
        var thirty = TimeRanges.Resolve(TimeRangeKind.Last30Days, now, NoShifts);

        Assert.Equal(new TimeWindow(Utc(3, 26, 23), Utc(4, 2, 22)), seven); // crosses the spring change: 167 h
        Assert.Equal(Utc(3, 3, 23), thirty.Start); // 4 March 00:00 CET
        Assert.Equal(seven.End, thirty.End);
    }

    [Fact]
    public void ACustomRangeTakesLocalDatesBothInclusive()
    {
        var custom = TimeRanges.Resolve(TimeRangeKind.Custom, Utc(6, 1, 0), NoShifts, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2));

        Assert.Equal(new TimeWindow(Utc(4, 30, 22), Utc(5, 2, 22)), custom);
        Assert.Throws<ArgumentException>(() =>
            TimeRanges.Resolve(TimeRangeKind.Custom, Utc(6, 1, 0), NoShifts, new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void TheCurrentShiftIsTheRunningOneElseTheLastEndedElseToday()
    {
        var shifts = new WeeklyShiftCalendar(
            [new ShiftPattern(DayOfWeek.Monday, new TimeOnly(6, 0), new TimeOnly(14, 0), Name: "Early"),
             new ShiftPattern(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(22, 0), Name: "Late")], Berlin);

        Assert.Equal(new TimeWindow(Utc(1, 5, 5), Utc(1, 5, 13)), TimeRanges.Resolve(TimeRangeKind.CurrentShift, Utc(1, 5, 9), shifts));
        Assert.Equal(new TimeWindow(Utc(1, 5, 13), Utc(1, 5, 21)), TimeRanges.Resolve(TimeRangeKind.CurrentShift, Utc(1, 6, 9), shifts));
        Assert.Equal(TimeRanges.Resolve(TimeRangeKind.Today, Utc(1, 6, 9), NoShifts), TimeRanges.Resolve(TimeRangeKind.CurrentShift, Utc(1, 6, 9), NoShifts));
    }
}

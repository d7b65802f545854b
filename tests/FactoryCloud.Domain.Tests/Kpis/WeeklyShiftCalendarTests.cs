using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class WeeklyShiftCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static ShiftPattern Shift(DayOfWeek day, int fromHour, int toHour, ShiftWindowKind kind = ShiftWindowKind.Production, int fromMinute = 0, int toMinute = 0) =>
        new(day, new TimeOnly(fromHour, fromMinute), new TimeOnly(toHour, toMinute), kind, kind == ShiftWindowKind.Production ? "Shift" : null);

    [Fact]
    public void PlannedTimeIsTheShiftsInLocalTimeMinusTheirBreaks()
    {
        var calendar = new WeeklyShiftCalendar(
            [Shift(DayOfWeek.Monday, 6, 14), Shift(DayOfWeek.Monday, 9, 9, ShiftWindowKind.PlannedBreak, toMinute: 30)], Berlin);

        // Monday 5 January 2026, Berlin is UTC+1; the rest of the week has no shift.
        var planned = calendar.For(new TimeWindow(Utc(1, 4, 0), Utc(1, 11, 0)))!;

        Assert.Equal([new TimeWindow(Utc(1, 5, 5), Utc(1, 5, 8)), new TimeWindow(Utc(1, 5, 8, 30), Utc(1, 5, 13))], planned.PlannedWindows);
    }

    [Fact]
    public void PlannedTimeIsClippedToTheQueriedWindow()
    {
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Monday, 6, 14)], Berlin);

        var planned = calendar.For(new TimeWindow(Utc(1, 5, 7), Utc(1, 5, 9)))!;

        Assert.Equal([new TimeWindow(Utc(1, 5, 7), Utc(1, 5, 9))], planned.PlannedWindows);
    }

    [Fact]
    public void ANightShiftEndsOnTheNextDay()
    {
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Friday, 22, 6)], Berlin);

        var planned = calendar.For(new TimeWindow(Utc(1, 9, 0), Utc(1, 11, 0)))!;

        Assert.Equal([new TimeWindow(Utc(1, 9, 21), Utc(1, 10, 5))], planned.PlannedWindows);
    }

    [Fact]
    public void ANightShiftOverTheSpringChangeIsAnHourShorter()
    {
        // Sunday 29 March 2026: 02:00 CET jumps to 03:00 CEST.
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Saturday, 22, 6)], Berlin);

        var shift = Assert.Single(calendar.ShiftsOverlapping(new TimeWindow(Utc(3, 28, 12), Utc(3, 29, 12))));

        Assert.Equal(new TimeWindow(Utc(3, 28, 21), Utc(3, 29, 4)), shift.Window);
        Assert.Equal(TimeSpan.FromHours(7), shift.Window.Duration);
    }

    [Fact]
    public void ANightShiftOverTheAutumnChangeIsAnHourLonger()
    {
        // Sunday 25 October 2026: 03:00 CEST falls back to 02:00 CET.
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Saturday, 22, 6)], Berlin);

        var shift = Assert.Single(calendar.ShiftsOverlapping(new TimeWindow(Utc(10, 24, 12), Utc(10, 25, 12))));

        Assert.Equal(new TimeWindow(Utc(10, 24, 20), Utc(10, 25, 5)), shift.Window);
        Assert.Equal(TimeSpan.FromHours(9), shift.Window.Duration);
    }

    [Fact]
    public void ALocalTimeSkippedBySpringForwardStartsWhenTheGapEnds()
    {
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Sunday, 2, 8, fromMinute: 30)], Berlin);

        var shift = Assert.Single(calendar.ShiftsOverlapping(new TimeWindow(Utc(3, 29, 0), Utc(3, 29, 12))));

        Assert.Equal(Utc(3, 29, 1), shift.Window.Start); // 03:00 CEST
    }

    [Fact]
    public void ALocalTimeThatOccursTwiceTakesItsFirstOccurrence()
    {
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Sunday, 2, 8, fromMinute: 30)], Berlin);

        var shift = Assert.Single(calendar.ShiftsOverlapping(new TimeWindow(Utc(10, 25, 0), Utc(10, 25, 12))));

        Assert.Equal(Utc(10, 25, 0, 30), shift.Window.Start); // 02:30 CEST, not 02:30 CET
        Assert.Equal(Utc(10, 25, 7), shift.Window.End); // 08:00 CET
    }

    [Fact]
    public void ASiteWithoutProductionShiftsHasNoCalendarSoEverythingIsPlanned()
    {
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Monday, 9, 10, ShiftWindowKind.PlannedBreak)], Berlin);

        Assert.False(calendar.HasProductionShifts);
        Assert.Null(calendar.For(new TimeWindow(Utc(1, 5, 0), Utc(1, 6, 0))));
    }

    [Fact]
    public void SecondsInShiftTimesAreTruncatedToWholeMinutes()
    {
        var calendar = new WeeklyShiftCalendar([new ShiftPattern(DayOfWeek.Monday, new TimeOnly(6, 0, 45), new TimeOnly(7, 0, 59))], TimeZoneInfo.Utc);

        var shift = Assert.Single(calendar.ShiftsOverlapping(new TimeWindow(Utc(1, 5, 0), Utc(1, 6, 0))));

        Assert.Equal(new TimeWindow(Utc(1, 5, 6), Utc(1, 5, 7)), shift.Window);
    }

    [Fact]
    public void ShiftAtFindsTheRunningShiftOrNone()
    {
        var calendar = new WeeklyShiftCalendar([Shift(DayOfWeek.Monday, 6, 14)], TimeZoneInfo.Utc);

        Assert.Equal(new TimeWindow(Utc(1, 5, 6), Utc(1, 5, 14)), calendar.ShiftAt(Utc(1, 5, 6))!.Window);
        Assert.Null(calendar.ShiftAt(Utc(1, 5, 14)));
    }

    [Fact]
    public void AnUnknownTimeZoneIdFallsBackToUtc() =>
        Assert.Equal(TimeZoneInfo.Utc, WeeklyShiftCalendar.ZoneOf("Mars/Olympus_Mons"));
}

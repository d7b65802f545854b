using FactoryCloud.Domain.Plants;
using Xunit;

namespace FactoryCloud.Domain.Tests.Plants;

public sealed class ShiftTemplatesTests
{
    [Fact]
    public void TwoShiftsAreEarlyAndLateOnEachWeekday()
    {
        var patterns = ShiftTemplates.TwoShifts();

        Assert.Equal(10, patterns.Count);
        Assert.Equal(ShiftTemplates.Weekdays, patterns.Select(p => p.Day).Distinct());
        Assert.All(patterns.Where(p => p.Day == DayOfWeek.Monday), p => Assert.Contains((p.Start, p.End), new[] { (new TimeOnly(6, 0), new TimeOnly(14, 0)), (new TimeOnly(14, 0), new TimeOnly(22, 0)) }));
    }

    [Fact]
    public void ThreeShiftsEndWithANightIntoTheNextMorning()
    {
        var friday = ShiftTemplates.ThreeShifts().Where(p => p.Day == DayOfWeek.Friday).ToList();

        Assert.Equal(3, friday.Count);
        Assert.Contains(new ShiftPattern(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(6, 0), ShiftWindowKind.Production, "Night"), friday);
    }

    [Fact]
    public void AroundTheClockHasNoWindowsSoEveryHourIsPlanned() => Assert.Empty(ShiftTemplates.AroundTheClock());

    [Fact]
    public void CopyingADayReplacesTheTargetDaysAndKeepsTheOthers()
    {
        var monday = new ShiftPattern(DayOfWeek.Monday, new TimeOnly(7, 0), new TimeOnly(15, 30));
        var mondayBreak = new ShiftPattern(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(11, 30), ShiftWindowKind.PlannedBreak);
        var oldTuesday = new ShiftPattern(DayOfWeek.Tuesday, new TimeOnly(6, 0), new TimeOnly(8, 0));
        var saturday = new ShiftPattern(DayOfWeek.Saturday, new TimeOnly(8, 0), new TimeOnly(12, 0));

        var copied = ShiftTemplates.CopyDay([monday, mondayBreak, oldTuesday, saturday], DayOfWeek.Monday, ShiftTemplates.Weekdays);

        Assert.Equal(11, copied.Count);
        Assert.DoesNotContain(oldTuesday, copied);
        Assert.Contains(saturday, copied);
        Assert.All(ShiftTemplates.Weekdays, day =>
        {
            Assert.Contains(monday with { Day = day }, copied);
            Assert.Contains(mondayBreak with { Day = day }, copied);
        });
        Assert.Equal(DayOfWeek.Monday, copied[0].Day);
        Assert.Equal(saturday, copied[^1]);
    }
}

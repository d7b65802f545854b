using Bunit;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Plants;

public sealed class ShiftCalendarEditorTests
{
    [Fact]
    public async Task AddingAWindowAddsARowAfterTheLastDay()
    {
        await using var ctx = WebTestContext.Create();
        var rows = new List<ShiftCalendarEditor.ShiftRow> { new() { Day = DayOfWeek.Tuesday } };

        var cut = ctx.Render<ShiftCalendarEditor>(p => p.Add(e => e.Rows, rows));
        await cut.Find("[data-testid=add-shift]").ClickAsync(new());

        Assert.Equal(2, rows.Count);
        Assert.Equal(DayOfWeek.Tuesday, rows[1].Day);
        Assert.Equal(2, cut.FindAll("[data-testid=shift-row]").Count);
    }

    [Fact]
    public void RowsRoundTripToShiftPatterns()
    {
        var pattern = new ShiftPattern(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(6, 0), ShiftWindowKind.Production);

        Assert.Equal(pattern, ShiftCalendarEditor.ShiftRow.From(pattern).ToPattern());
    }

    [Fact]
    public void ABreakKeepsItsKind()
    {
        var row = new ShiftCalendarEditor.ShiftRow { Day = DayOfWeek.Monday, Start = TimeSpan.FromHours(9), End = TimeSpan.FromHours(9.5), Kind = ShiftWindowKind.PlannedBreak };

        Assert.Equal(new ShiftPattern(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 30), ShiftWindowKind.PlannedBreak), row.ToPattern());
    }

    [Fact]
    public async Task ShiftTimesCanBeTypedIn24HourTime()
    {
        await using var ctx = WebTestContext.Create();
        var rows = new List<ShiftCalendarEditor.ShiftRow> { new() { Day = DayOfWeek.Monday } };
        var cut = ctx.Render<ShiftCalendarEditor>(p => p.Add(e => e.Rows, rows));

        var inputs = cut.FindAll("[data-testid=shift-row] input.mud-input-slot").Where(i => i.GetAttribute("inputmode") != "none" && !i.HasAttribute("readonly")).ToList();
        Assert.Equal(2, inputs.Count);
        await inputs[0].ChangeAsync(new() { Value = "05:45" });
        await cut.FindAll("[data-testid=shift-row] input.mud-input-slot").Where(i => !i.HasAttribute("readonly")).ElementAt(1).ChangeAsync(new() { Value = "22:15" });

        Assert.Equal(new TimeSpan(5, 45, 0), rows[0].Start);
        Assert.Equal(new TimeSpan(22, 15, 0), rows[0].End);
    }
}

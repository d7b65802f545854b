using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

using Xunit;

using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

/// <summary>
/// The textbook shift: 480 min, 60 min planned breaks, 47 min downtime, ideal cycle 1.0 s,
/// 19,271 units of which 423 scrap → A 88.81%, P 86.11%, Q 97.80%, OEE 74.79%.
/// </summary>
public class TextbookOeeTests
{
    private static readonly ProductionCount[] Counts = [Count(100, 9_000, 200), Count(450, 9_848, 223)];

    [Fact]
    public void Breaks_as_planned_stop_states()
    {
        var machine = Machine(
        [
            State(0, MachineState.Running),
            State(120, MachineState.PlannedStop, "break"),
            State(150, MachineState.Running),
            State(200, MachineState.Down, "jam"),
            State(230, MachineState.Running),
            State(300, MachineState.PlannedStop, "lunch"),
            State(330, MachineState.Running),
            State(400, MachineState.Down, "motor"),
            State(417, MachineState.Running),
        ], Counts);

        var totals = KpiCalculator.ForMachine(Window(0, 480), machine, LossSettings.Default);

        AssertTextbookFigures(totals);
        Assert.Equal(60 * 60, totals.PlannedStopSeconds);
    }

    [Fact]
    public void Breaks_outside_the_shift_calendar()
    {
        var machine = Machine(
        [
            State(0, MachineState.Running),
            State(120, MachineState.Idle),
            State(150, MachineState.Running),
            State(200, MachineState.Down, "jam"),
            State(230, MachineState.Running),
            State(300, MachineState.Idle),
            State(330, MachineState.Running),
            State(400, MachineState.Down, "motor"),
            State(417, MachineState.Running),
        ], Counts, calendar: Calendar((0, 120), (150, 300), (330, 480)));

        var totals = KpiCalculator.ForMachine(Window(0, 480), machine, LossSettings.Default);

        AssertTextbookFigures(totals);
        Assert.Equal(0, totals.IdleSeconds);
    }

    private static void AssertTextbookFigures(KpiTotals totals)
    {
        Assert.Equal(420 * 60, totals.PlannedSeconds);
        Assert.Equal(373 * 60, totals.RunSeconds);
        Assert.Equal(47 * 60, totals.BreakdownSeconds);
        Assert.Equal(2, totals.BreakdownEpisodes);
        Assert.Equal(18_848, totals.GoodCount);
        Assert.Equal(423, totals.ScrapCount);

        var figures = KpiFigures.From(totals);
        Assert.Equal(88.81, Percent(figures.Availability));
        Assert.Equal(86.11, Percent(figures.Performance));
        Assert.Equal(97.80, Percent(figures.Quality));
        Assert.Equal(74.79, Percent(figures.Oee));
        Assert.False(figures.PerformanceAboveIdeal);
    }
}

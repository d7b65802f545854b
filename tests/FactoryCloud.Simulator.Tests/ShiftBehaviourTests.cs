using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Simulator.Simulation;

namespace FactoryCloud.Simulator.Tests;

/// <summary>What a simulated early shift (5 machines, 06:00–14:00) looks like when read back as the server reads it.</summary>
public sealed class ShiftBehaviourTests
{
    private static DateTimeOffset ShiftEnd => Shifts.EarlyShiftStart + Shifts.ShiftLength;

    [Fact]
    public void OverAShift_StatesIncludeMicroStopsBreakdownsChangeoversAndBreaks()
    {
        var (_, _, log) = Shifts.EarlyShift;
        var episodes = log.Machines.SelectMany(m => log.Episodes(m, ShiftEnd)).ToList();

        var microStops = episodes.Where(e => e.Start.State is MachineState.Idle or MachineState.Down
            && SimulatedMachine.MicroStopCauses.Contains((e.Start.State, e.Start.Reason!))).ToList();
        var breakdowns = episodes.Where(e => e.Start.State == MachineState.Down && SimulatedMachine.BreakdownReasons.Contains(e.Start.Reason!)).ToList();
        var changeovers = episodes.Where(e => e.Start.State == MachineState.Changeover).ToList();
        var breaks = episodes.Where(e => e.Start.State == MachineState.PlannedStop).ToList();

        Assert.True(microStops.Count >= 5 * 20, $"{microStops.Count} micro-stops");
        Assert.All(microStops, e => Assert.True(e.Duration < TimeSpan.FromMinutes(2), $"{e.Start} lasted {e.Duration}"));
        Assert.Contains(microStops, e => e.Start.State == MachineState.Idle && e.Start.Reason == "starved");
        Assert.Contains(microStops, e => e.Start.State == MachineState.Down && e.Start.Reason == "jam");

        Assert.InRange(breakdowns.Count, 2, 30);
        Assert.Contains(breakdowns, e => e.Duration >= TimeSpan.FromMinutes(3));
        Assert.True(breakdowns.Select(e => e.Start.Reason).Distinct().Count() >= 2);

        Assert.InRange(changeovers.Count, 5, 25);
        Assert.All(changeovers, e => Assert.Equal(SimulatedMachine.ChangeoverReason, e.Start.Reason));

        // 08:30 break, 10:30 meal break, 12:30 break on every machine.
        Assert.Equal(5 * 3, breaks.Count);
        Assert.All(breaks, e => Assert.InRange(e.Duration, TimeSpan.FromMinutes(13), TimeSpan.FromMinutes(32)));
        Assert.Equal(5, breaks.Count(e => e.Start.Reason == "meal_break"));

        Assert.All(episodes.Where(e => e.Start.State == MachineState.Running), e => Assert.Null(e.Start.Reason));
        Assert.DoesNotContain(episodes, e => e.Start.State == MachineState.Offline);
    }

    [Fact]
    public void AfterAChangeover_TheProductSwitches_AndScrapIsHigherAtFirst()
    {
        var (_, _, log) = Shifts.EarlyShift;
        var switches = 0;
        long startupGood = 0, startupScrap = 0;
        foreach (var machine in log.Machines)
        {
            var counts = log.Counts(machine).ToList();
            foreach (var (changeover, duration) in log.Episodes(machine, ShiftEnd).Where(e => e.Start.State == MachineState.Changeover))
            {
                var before = counts.LastOrDefault(c => c.Timestamp < changeover.Timestamp);
                var after = counts.FirstOrDefault(c => c.Timestamp > changeover.Timestamp);
                if (before is null || after is null) continue;
                Assert.NotEqual(before.Product, after.Product);
                switches++;
                var end = changeover.Timestamp + duration;
                foreach (var count in counts.Where(c => c.Timestamp > end && c.Timestamp < end + TimeSpan.FromMinutes(5)))
                {
                    startupGood += count.Good;
                    startupScrap += count.Scrap;
                }
            }
        }

        Assert.True(switches >= 3, $"{switches} product switches");
        var (good, scrap) = Totals(log);
        var overallRate = (double)scrap / (good + scrap);
        var startupRate = (double)startupScrap / (startupGood + startupScrap);
        Assert.InRange(overallRate, 0.01, 0.04);
        Assert.True(startupRate > 1.5 * overallRate, $"start-up scrap {startupRate:P1}, overall {overallRate:P1}");
    }

    [Fact]
    public void CountMessages_ComeEveryCountIntervalWhileRunning_WithPartsMatchingTheCycleTime()
    {
        var (simulation, _, log) = Shifts.EarlyShift;
        foreach (var machine in simulation.Machines)
        {
            var counts = log.Counts(machine.Path.Machine).ToList();
            Assert.All(counts, c => Assert.True(c.Good + c.Scrap > 0));
            var typicalGap = counts.Zip(counts.Skip(1), (a, b) => b.Timestamp - a.Timestamp).GroupBy(g => g).OrderByDescending(g => g.Count()).First().Key;
            Assert.Equal(simulation.Options.CountInterval, typicalGap);

            // A full interval of running holds about CountInterval / actual cycle time parts.
            var ideal = machine.Profile.IdealCycleTime.TotalSeconds;
            var perInterval = counts.Where(c => c.Good + c.Scrap > 1).Select(c => (double)(c.Good + c.Scrap)).Max();
            Assert.InRange(perInterval, 10 / ideal / 1.5, (10 / ideal) + 1);
        }
    }

    [Fact]
    public void EnergyIncrements_AreNonNegative_AndEqualMeanPowerTimesElapsedTime()
    {
        var (simulation, _, log) = Shifts.EarlyShift;
        foreach (var machine in simulation.Machines)
        {
            var measures = log.Measures(machine.Path.Machine).ToList();
            Assert.True(measures.Count >= (8 * 3600 / 30) - 1);
            var previous = simulation.Start;
            double total = 0;
            foreach (var measure in measures)
            {
                var energy = measure.Values["energy_kwh"];
                var power = measure.Values["power_kw"];
                var hours = (measure.Timestamp - previous).TotalHours;
                Assert.True(energy >= 0, $"{energy} kWh");
                Assert.True(power >= 0, $"{power} kW");
                // power_kw is the mean over the interval; both are rounded (3 and 6 decimals).
                Assert.True(Math.Abs(energy - (power * hours)) <= (0.0005 * hours) + 2e-6, $"{energy} kWh vs {power} kW × {hours} h at {measure.Timestamp:O}");
                Assert.InRange(measure.Values["temperature_c"], machine.Profile.AmbientTemperatureC - 1, machine.Profile.RunningTemperatureC + 1);
                total += energy;
                previous = measure.Timestamp;
            }
            var elapsed = (previous - simulation.Start).TotalHours;
            Assert.InRange(total / elapsed, 0.3 * machine.Profile.RatedPowerKw, machine.Profile.RatedPowerKw);
            Assert.Equal(machine.EnergyKwh, total, 1e-6);
        }
    }

    [Fact]
    public void PowerFollowsTheState_RunningDrawsMoreThanAPlannedStop()
    {
        var (_, _, log) = Shifts.EarlyShift;
        var machine = log.Machines.First();
        var states = log.States(machine).ToList();
        MachineState StateAt(DateTimeOffset t) => states.Last(s => s.Timestamp <= t).State;
        // A measure reports the mean since the previous one: use those where the whole interval had one state.
        var measures = log.Measures(machine).ToList();
        var clean = measures.Skip(1)
            .Select((m, i) => (Measure: m, From: measures[i].Timestamp))
            .Where(x => states.All(s => s.Timestamp <= x.From || s.Timestamp > x.Measure.Timestamp || s.State == StateAt(x.From)))
            .ToList();

        var running = clean.Where(x => StateAt(x.From) == MachineState.Running).Average(x => x.Measure.Values["power_kw"]);
        var onBreak = clean.Where(x => StateAt(x.From) == MachineState.PlannedStop).Average(x => x.Measure.Values["power_kw"]);

        Assert.True(running > 5 * onBreak, $"running {running} kW, on break {onBreak} kW");
    }

    [Fact]
    public void Oee_OfASimulatedShift_ComputedByTheKpiEngine_IsRealistic()
    {
        var (simulation, _, log) = Shifts.EarlyShift;
        var window = new TimeWindow(simulation.Start, ShiftEnd);
        var perMachine = simulation.Machines
            .Select(m => KpiCalculator.ForMachine(window, log.KpiInputs(m.Path.Machine, m.Profile.ToIdealCycleTimes()), LossSettings.Default))
            .ToList();
        var line = KpiFigures.From(KpiTotals.Sum(perMachine));

        Assert.InRange(line.Oee!.Value, 0.55, 0.90);
        Assert.InRange(line.Availability!.Value, 0.75, 0.97);
        Assert.InRange(line.Performance!.Value, 0.75, 0.97);
        Assert.InRange(line.Quality!.Value, 0.96, 0.99);
        Assert.False(line.PerformanceAboveIdeal);
        Assert.Equal(1.0, line.DataCoverage!.Value, 6);
        // Breaks are planned stops: 1 of the 8 hours is outside planned busy time.
        Assert.InRange(line.Totals.PlannedStopSeconds / 5, 55 * 60, 65 * 60);
        // The last parts before a stop are reported before it starts, so none fall into a planned stop.
        Assert.Equal(0, line.Totals.UnplannedCount);
        Assert.True(line.Totals.SmallStopSeconds > 0 && line.Totals.BreakdownSeconds > 0 && line.Totals.SetupSeconds > 0);
        Assert.InRange(line.Totals.BreakdownEpisodes, 2, 30);
        Assert.All(perMachine.Select(KpiFigures.From), m => Assert.InRange(m.Oee!.Value, 0.4, 0.95));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Oee_StaysInTheRealisticBand_ForOtherSeeds(int seed)
    {
        var (simulation, _, log) = Shifts.Run(Shifts.Options(seed, machines: 5), Shifts.ShiftLength);
        var window = new TimeWindow(simulation.Start, simulation.Now);
        var line = KpiFigures.From(KpiCalculator.ForMachines(
            window,
            simulation.Machines.Select(m => log.KpiInputs(m.Path.Machine, m.Profile.ToIdealCycleTimes())),
            LossSettings.Default));

        Assert.InRange(line.Oee!.Value, 0.55, 0.90);
        Assert.InRange(line.ScrapRate!.Value, 0.01, 0.04);
    }

    private static (long Good, long Scrap) Totals(TelemetryLog log)
    {
        var counts = log.Entries.Select(e => e.Reading).OfType<CountReading>().ToList();
        return (counts.Sum(c => c.Good), counts.Sum(c => c.Scrap));
    }
}

using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Simulator.Simulation;

namespace FactoryCloud.Simulator.Tests;

public sealed class PlantSimulationTests
{
    [Fact]
    public void SameSeed_GivesTheSameMessages()
    {
        var first = new PlantSimulation(Shifts.Options(seed: 7, machines: 3)).Advance(TimeSpan.FromHours(2));
        var second = new PlantSimulation(Shifts.Options(seed: 7, machines: 3)).Advance(TimeSpan.FromHours(2));

        Assert.True(first.Count > 1000);
        Assert.Equal(first, second);
    }

    [Fact]
    public void AnotherSeed_GivesOtherMessages()
    {
        var first = new PlantSimulation(Shifts.Options(seed: 7, machines: 3)).Advance(TimeSpan.FromHours(1));
        var other = new PlantSimulation(Shifts.Options(seed: 8, machines: 3)).Advance(TimeSpan.FromHours(1));

        Assert.NotEqual(first.Select(m => m.Payload), other.Select(m => m.Payload));
    }

    [Fact]
    public void AdvancingInSmallSteps_GivesTheSameMessagesAsOneBigStep()
    {
        var oneStep = new PlantSimulation(Shifts.Options(seed: 3, machines: 4)).Advance(TimeSpan.FromHours(3));

        var stepped = new PlantSimulation(Shifts.Options(seed: 3, machines: 4));
        var messages = new List<SimulatedMessage>();
        var random = new Random(1);
        while (stepped.Now < stepped.Start + TimeSpan.FromHours(3))
        {
            // Uneven steps, not on the millisecond grid, some of them empty.
            var step = TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.TicksPerMinute));
            var until = stepped.Now + step > stepped.Start + TimeSpan.FromHours(3) ? stepped.Start + TimeSpan.FromHours(3) : stepped.Now + step;
            messages.AddRange(stepped.AdvanceTo(until));
        }

        Assert.Equal(oneStep, messages);
    }

    [Fact]
    public void EveryPayload_OfOneHourOfFiveMachines_IsAcceptedByTheTelemetryParser()
    {
        var simulation = new PlantSimulation(Shifts.Options(seed: 11, machines: 5));
        var messages = simulation.Advance(TimeSpan.FromHours(1));

        var log = TelemetryLog.Parse(messages); // asserts each one

        Assert.Equal(messages.Count, log.Entries.Count);
        Assert.All(TelemetryChannelValues, channel => Assert.Contains(messages, m => m.Channel == channel));
        Assert.Equal(5, log.Machines.Count());
        Assert.All(log.Entries, e =>
        {
            Assert.Equal(e.Message.Timestamp, e.Reading.Timestamp);
            Assert.Equal(e.Message.Sequence, e.Reading.Sequence);
            Assert.True(e.Message.Payload.Length < 200, e.Message.Payload);
        });
    }

    [Fact]
    public void Payloads_FollowTheContractsFieldsAndFormats()
    {
        var messages = new PlantSimulation(Shifts.Options(seed: 11, machines: 1)).Advance(TimeSpan.FromMinutes(5));

        var state = messages.First(m => m.Channel == TelemetryChannel.State);
        var count = messages.First(m => m.Channel == TelemetryChannel.Count);
        var measure = messages.First(m => m.Channel == TelemetryChannel.Measure);

        Assert.Equal("fc/v1/acme/plant-1/assembly/line-1/m-01/state", state.TopicName);
        Assert.Equal("""{"ts":"2025-03-03T06:00:00.000+01:00","seq":0,"state":"running"}""", state.Payload);
        Assert.Matches("""^\{"ts":"2025-03-03T06:\d\d:\d\d\.\d{3}\+01:00","seq":\d+,"good":\d+,"scrap":\d+,"product":"sku-[a-f]"\}$""", count.Payload);
        Assert.Matches(
            """^\{"ts":"[^"]+\+01:00","seq":\d+,"values":\{"temperature_c":-?\d+(\.\d)?,"power_kw":\d+(\.\d+)?,"energy_kwh":\d+(\.\d+)?\}\}$""",
            measure.Payload);
    }

    [Fact]
    public void Timestamps_UseTheConfiguredOffset_OrZForUtc()
    {
        var utc = new PlantSimulation(Shifts.Options(seed: 1, machines: 1) with { UtcOffset = TimeSpan.Zero }).Advance(TimeSpan.FromMinutes(1));
        var newYork = new PlantSimulation(Shifts.Options(seed: 1, machines: 1) with { UtcOffset = TimeSpan.FromHours(-5) }).Advance(TimeSpan.FromMinutes(1));

        Assert.StartsWith("""{"ts":"2025-03-03T05:00:00.000Z",""", utc[0].Payload);
        Assert.StartsWith("""{"ts":"2025-03-03T00:00:00.000-05:00",""", newYork[0].Payload);
        TelemetryLog.Parse(utc.Concat(newYork));
    }

    [Fact]
    public void Seq_IsStrictlyIncreasingOverAllMachinesAndChannels_AndTsNeverGoesBack()
    {
        var (_, messages, _) = Shifts.EarlyShift;

        Assert.Equal(0UL, messages[0].Sequence);
        for (var i = 1; i < messages.Count; i++)
        {
            Assert.Equal(messages[i - 1].Sequence + 1, messages[i].Sequence);
            Assert.True(messages[i].Timestamp >= messages[i - 1].Timestamp, $"{messages[i - 1]} then {messages[i]}");
        }
    }

    [Fact]
    public void Seq_StartsAtFirstSequence_AndContinuesAcrossAdvances()
    {
        var simulation = new PlantSimulation(Shifts.Options(seed: 1, machines: 2) with { FirstSequence = 1_741_000_000_000_000 });

        var first = simulation.Advance(TimeSpan.FromMinutes(10));
        var second = simulation.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(1_741_000_000_000_000UL, first[0].Sequence);
        Assert.Equal(first[^1].Sequence + 1, second[0].Sequence);
        Assert.Equal(second[^1].Sequence + 1, simulation.NextSequence);
        Assert.Contains("\"seq\":1741000000000000,", first[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void AdvanceTo_ThePast_IsRefused_AndTheSameInstantAgainGivesNothing()
    {
        var simulation = new PlantSimulation(Shifts.Options(seed: 1, machines: 2));
        simulation.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(simulation.AdvanceTo(simulation.Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.AdvanceTo(simulation.Now - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void InvalidOptions_AreRefused()
    {
        var valid = Shifts.Options(seed: 1, machines: 2);

        Assert.Throws<ArgumentException>(() => new PlantSimulation(valid with { Tenant = "Acme" }));
        Assert.Throws<ArgumentException>(() => new PlantSimulation(valid with { Machines = [] }));
        Assert.Throws<ArgumentException>(() => new PlantSimulation(valid with { Machines = [valid.Machines[0], valid.Machines[0]] }));
        Assert.Throws<ArgumentException>(() => new PlantSimulation(valid with { CountInterval = TimeSpan.FromMilliseconds(500) }));
        Assert.Throws<ArgumentException>(() => new PlantSimulation(valid with { UtcOffset = TimeSpan.FromSeconds(30) }));
        Assert.Throws<ArgumentException>(() => new PlantSimulation(valid with { Machines = [valid.Machines[0] with { Products = [] }] }));
        Assert.Throws<ArgumentException>(() => new BreakSchedule([new(new TimeOnly(9, 0), TimeSpan.FromHours(1), "break"), new(new TimeOnly(9, 30), TimeSpan.FromMinutes(10), "break")]));
    }

    [Fact]
    public void MachineProfiles_AreGeneratedDeterministically_WithIdealCycleTimesBetweenOneAndThreeSeconds()
    {
        var profiles = Enumerable.Range(1, 50)
            .Select(i => MachineProfile.Generate(new MachinePath("plant-1", "assembly", "line-1", $"m-{i:00}"), seed: 5))
            .ToList();
        var again = MachineProfile.Generate(new MachinePath("plant-1", "assembly", "line-1", "m-01"), seed: 5);

        Assert.Equal(profiles[0].IdealCycleTime, again.IdealCycleTime);
        Assert.Equal(profiles[0].Products, again.Products);
        Assert.All(profiles, p =>
        {
            Assert.InRange(p.IdealCycleTime.TotalSeconds, 1.0, 3.0);
            Assert.Equal(3, p.Products.Count);
            Assert.Equal(p.IdealCycleTime, p.ToIdealCycleTimes().For("unknown-product"));
        });
        Assert.True(profiles.Select(p => p.IdealCycleTime).Distinct().Count() > 5);
    }

    [Fact]
    public void AMachineStartingDuringABreak_ReportsPlannedStopFirst()
    {
        var messages = new PlantSimulation(Shifts.Options(seed: 2, machines: 2, start: new DateTimeOffset(2025, 3, 3, 10, 40, 0, TimeSpan.FromHours(1))))
            .Advance(TimeSpan.FromMinutes(30));
        var log = TelemetryLog.Parse(messages);

        Assert.All(log.Machines, machine =>
        {
            var states = log.States(machine).ToList();
            Assert.Equal(MachineState.PlannedStop, states[0].State);
            Assert.Equal("meal_break", states[0].Reason);
            // The meal break (10:30–11:00) ends within a minute, then the machine runs or resumes a stop.
            var after = states.First(s => s.State != MachineState.PlannedStop);
            Assert.InRange(after.Timestamp, new DateTimeOffset(2025, 3, 3, 11, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2025, 3, 3, 11, 1, 0, TimeSpan.FromHours(1)));
        });
    }

    private static readonly TelemetryChannel[] TelemetryChannelValues = Enum.GetValues<TelemetryChannel>();
}

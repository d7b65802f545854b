using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Simulator.Simulation;

namespace FactoryCloud.Simulator.Tests;

/// <summary>Generated messages read back the way the server reads them: each payload through <see cref="TelemetryParser"/>.</summary>
internal sealed class TelemetryLog
{
    private TelemetryLog(IReadOnlyList<(SimulatedMessage Message, TelemetryReading Reading)> entries) => Entries = entries;

    public IReadOnlyList<(SimulatedMessage Message, TelemetryReading Reading)> Entries { get; }

    /// <summary>Parses every payload (as of its own ts plus a minute); throws with the payload when one is refused.</summary>
    public static TelemetryLog Parse(IEnumerable<SimulatedMessage> messages)
    {
        var entries = new List<(SimulatedMessage, TelemetryReading)>();
        foreach (var message in messages)
        {
            Assert.True(TelemetryTopic.TryParse(message.TopicName, out var topic, out var topicReason), $"{message.TopicName}: {topicReason}");
            var result = TelemetryParser.Parse(topic.Channel, message.PayloadUtf8(), message.Timestamp + TimeSpan.FromMinutes(1));
            Assert.True(result.IsAccepted, $"{message}: {result}");
            entries.Add((message, result.Reading));
        }
        return new TelemetryLog(entries);
    }

    public IEnumerable<string> Machines => Entries.Select(e => e.Message.Machine.Machine).Distinct();

    public IEnumerable<StateReading> States(string machine) => Of<StateReading>(machine);

    public IEnumerable<CountReading> Counts(string machine) => Of<CountReading>(machine);

    public IEnumerable<MeasureReading> Measures(string machine) => Of<MeasureReading>(machine);

    /// <summary>State episodes (consecutive repeats merged), each with its length; the last one ends at <paramref name="end"/>.</summary>
    public IReadOnlyList<(StateReading Start, TimeSpan Duration)> Episodes(string machine, DateTimeOffset end)
    {
        var starts = new List<StateReading>();
        foreach (var state in States(machine))
        {
            if (starts.Count > 0 && starts[^1].State == state.State && starts[^1].Reason == state.Reason) continue;
            starts.Add(state);
        }
        return starts
            .Select((s, i) => (s, (i + 1 < starts.Count ? starts[i + 1].Timestamp : end) - s.Timestamp))
            .ToList();
    }

    public MachineKpiInputs KpiInputs(string machine, IdealCycleTimes idealCycleTimes) => new(
        States(machine).Select(s => new StateChange(s.Timestamp, s.State, s.Reason)).ToList(),
        Counts(machine).Select(c => new ProductionCount(c.Timestamp, c.Good, c.Scrap, c.Product)).ToList(),
        idealCycleTimes,
        Calendar: null,
        Energy: Measures(machine)
            .Where(m => m.Values.ContainsKey(TelemetryContract.EnergyMeasureName))
            .Select(m => new EnergyIncrement(m.Timestamp, m.Values[TelemetryContract.EnergyMeasureName]))
            .ToList());

    private IEnumerable<T> Of<T>(string machine) where T : TelemetryReading =>
        Entries.Where(e => e.Message.Machine.Machine == machine).Select(e => e.Reading).OfType<T>();
}

using System.Runtime.CompilerServices;

using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Simulator.Simulation;

/// <summary>
/// The telemetry of one device publishing for several machines, in simulated time: pure (no I/O, no wall clock),
/// deterministic for <see cref="PlantSimulationOptions.Seed"/>. Advance it with <see cref="AdvanceTo"/> (any step
/// sizes give the same messages) or drive it with a <see cref="SimulationClock"/> through <see cref="RunAsync"/>.
/// Messages come in <c>ts</c> order with a strictly increasing <c>seq</c>. Not thread-safe.
/// </summary>
public sealed class PlantSimulation
{
    private static readonly Comparison<MachineOutput> ByTime = static (a, b) =>
    {
        var byTime = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
        if (byTime != 0) return byTime;
        var byMachine = a.Machine.CompareTo(b.Machine);
        return byMachine != 0 ? byMachine : a.Order.CompareTo(b.Order);
    };

    private readonly List<SimulatedMachine> _machines;
    private readonly TelemetryTopic[][] _topics;
    private readonly List<MachineOutput> _buffer = [];
    private DateTimeOffset _now;

    /// <exception cref="ArgumentException">The options are inconsistent (see <see cref="PlantSimulationOptions"/>).</exception>
    public PlantSimulation(PlantSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Start = new DateTimeOffset(options.Start.UtcTicks - (options.Start.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        _now = Start;
        NextSequence = options.FirstSequence;
        _machines = options.Machines.Select((profile, i) => new SimulatedMachine(i, profile, options, Start)).ToList();
        _topics = options.Machines
            .Select(m => Enum.GetValues<TelemetryChannel>().Select(channel => new TelemetryTopic(options.Tenant, m.Path, channel)).ToArray())
            .ToArray();
    }

    public PlantSimulationOptions Options { get; }

    /// <summary>The machines, in the order of <see cref="PlantSimulationOptions.Machines"/>.</summary>
    public IReadOnlyList<SimulatedMachine> Machines => _machines;

    /// <summary>The first simulated instant (UTC, whole milliseconds).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Every message with a <c>ts</c> up to and including this instant has been returned (UTC).</summary>
    public DateTimeOffset Now => _now;

    /// <summary>The <c>seq</c> the next message will carry.</summary>
    public ulong NextSequence { get; private set; }

    /// <summary>The messages with a <c>ts</c> after the previous call's and up to <paramref name="until"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> lies before <see cref="Now"/>.</exception>
    public IReadOnlyList<SimulatedMessage> AdvanceTo(DateTimeOffset until)
    {
        if (until < _now) throw new ArgumentOutOfRangeException(nameof(until), until, $"The simulation is already at {_now:O}.");
        _buffer.Clear();
        foreach (var machine in _machines) machine.AdvanceTo(until, _buffer);
        _buffer.Sort(ByTime);

        var messages = new List<SimulatedMessage>(_buffer.Count);
        foreach (var output in _buffer)
        {
            var seq = NextSequence++;
            messages.Add(new SimulatedMessage(_topics[output.Machine][(int)output.Channel], Format(output, seq), output.At, seq));
        }
        _buffer.Clear();
        _now = until;
        return messages;
    }

    /// <summary><see cref="AdvanceTo"/> <see cref="Now"/> + <paramref name="duration"/>.</summary>
    public IReadOnlyList<SimulatedMessage> Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return AdvanceTo(_now + duration);
    }

    /// <summary>
    /// Yields the messages as the clock reaches their <c>ts</c>: in steps of <paramref name="step"/> simulated time
    /// (default 1 s), or everything up to the clock's time when it is further ahead (catching up after a stall).
    /// Ends at <paramref name="until"/> (never when null) or when cancelled (throwing <see cref="OperationCanceledException"/>).
    /// </summary>
    public async IAsyncEnumerable<SimulatedMessage> RunAsync(
        SimulationClock clock,
        DateTimeOffset? until = null,
        TimeSpan? step = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var stepSize = step ?? TimeSpan.FromSeconds(1);
        if (stepSize <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");

        foreach (var message in AdvanceTo(_now)) yield return message;
        while (until is not { } last || _now < last)
        {
            var target = _now + stepSize;
            var clockNow = clock.Now;
            if (clockNow > target) target = clockNow;
            if (until is { } end && target > end) target = end;
            await clock.WaitUntilAsync(target, cancellationToken).ConfigureAwait(false);
            foreach (var message in AdvanceTo(target)) yield return message;
        }
    }

    private string Format(in MachineOutput output, ulong seq) => output.Channel switch
    {
        TelemetryChannel.State => TelemetryPayloadWriter.State(output.At, Options.UtcOffset, seq, output.State, output.Reason),
        TelemetryChannel.Count => TelemetryPayloadWriter.Count(output.At, Options.UtcOffset, seq, output.Good, output.Scrap, output.Product),
        _ => TelemetryPayloadWriter.Measure(output.At, Options.UtcOffset, seq,
        [
            new("temperature_c", output.TemperatureC),
            new("power_kw", output.PowerKw),
            new(TelemetryContract.EnergyMeasureName, output.EnergyKwh),
        ]),
    };
}

using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Simulator.Simulation;

/// <summary>
/// One simulated machine: a discrete-event model in simulated time. It runs most of the time, producing parts at a
/// varying cycle time around its ideal one, and is interrupted by micro-stops (idle/down under 2 minutes), breakdowns
/// (down for minutes), changeovers to another product and planned breaks. Owned and advanced by
/// <see cref="PlantSimulation"/>; its properties show the current state, for example for a live view.
/// </summary>
/// <remarks>
/// Events are processed in time order; all instants are whole milliseconds and every random draw happens while
/// handling an event, so the output does not depend on how the simulation is advanced (one hour at once or in
/// one-second steps give the same messages).
/// </remarks>
public sealed class SimulatedMachine
{
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MinimumRun = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MinimumResume = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PostBreakdownPeriod = TimeSpan.FromMinutes(5);
    private const double PostBreakdownScrapRate = 0.03;
    private static readonly TimeSpan ThermalTimeConstant = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan BreakStartJitter = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan BreakEndJitter = TimeSpan.FromSeconds(60);

    /// <summary>Micro-stop causes: all shorter than the 2-minute small-stop threshold.</summary>
    public static IReadOnlyList<(MachineState State, string Reason)> MicroStopCauses { get; } =
    [
        (MachineState.Down, "jam"), (MachineState.Down, "jam"), (MachineState.Down, "misfeed"),
        (MachineState.Idle, "starved"), (MachineState.Idle, "starved"), (MachineState.Idle, "blocked"),
    ];

    /// <summary>Breakdown reasons (state down, several minutes).</summary>
    public static IReadOnlyList<string> BreakdownReasons { get; } =
        ["motor_fault", "sensor_fault", "tool_breakage", "pneumatic_fault", "conveyor_fault"];

    /// <summary>The reason sent with the changeover state.</summary>
    public const string ChangeoverReason = "product_change";

    private readonly PlantSimulationOptions _options;
    private readonly Random _random;
    private readonly DateTimeOffset _countAnchor;
    private readonly int _index;

    private bool _started;
    private long _order;
    private DateTimeOffset _now;
    private Mode _mode;
    private StopKind _stopKind;
    private Disruption _disruption;
    private DateTimeOffset _episodeEnd;
    private PausedStop? _paused;
    private DateTimeOffset _lastStateAt;

    private DateTimeOffset _breakNominalStart;
    private DateTimeOffset _breakStart = DateTimeOffset.MaxValue;
    private DateTimeOffset _breakEnd = DateTimeOffset.MaxValue;
    private string _breakReason = "break";

    private int _productIndex;
    private DateTimeOffset _runStartedAt;
    private TimeSpan _runUntilChangeover;
    private DateTimeOffset _nextPartAt;
    private DateTimeOffset _nextCountAt;
    private bool _finalCountDone;
    private long _pendingGood;
    private long _pendingScrap;
    private DateTimeOffset _elevatedScrapFrom;
    private TimeSpan _elevatedScrapPeriod;
    private double _elevatedScrapRate;

    private DateTimeOffset _nextMeasureAt;
    private DateTimeOffset _lastMeasureAt;
    private DateTimeOffset _physicsAt;
    private double _powerKw;
    private double _temperatureC;
    private double _energySinceMeasureKwh;
    private double _energyCarryKwh;

    internal SimulatedMachine(int index, MachineProfile profile, PlantSimulationOptions options, DateTimeOffset start)
    {
        _index = index;
        _options = options;
        Profile = profile;
        _random = new Random(SimulationRandom.Mix(options.Seed, SimulationRandom.StableHash(profile.Path.ToString()) ^ unchecked(((ulong)index + 1) * 0xD6E8FEB86659FD93UL)));
        _now = start;
        _physicsAt = start;
        _lastMeasureAt = start;
        // Spread the machines' periodic messages so they do not all publish in the same millisecond.
        _countAnchor = start + SimulationRandom.ToMilliseconds(options.CountInterval * _random.NextDouble(0.1, 1.0));
        _nextMeasureAt = start + SimulationRandom.ToMilliseconds(options.MeasureInterval * _random.NextDouble(0.1, 1.0));
        _productIndex = _random.Next(profile.Products.Count);
        _runUntilChangeover = profile.MeanProductRun * _random.NextDouble(0.2, 1.2);
        _temperatureC = profile.RunningTemperatureC - 2;
    }

    private enum Mode { Running, Stop, Break }

    private enum StopKind { MicroStop, Breakdown, Changeover }

    private enum Disruption { MicroStop, Breakdown, Changeover }

    /// <summary>Event kinds in the order they are handled when due at the same instant.</summary>
    private enum EventKind { None, Start, Part, Count, FinalCount, BreakStart, EpisodeEnd, Measure, Heartbeat }

    private readonly record struct PausedStop(StopKind Kind, MachineState State, string? Reason, TimeSpan Remaining);

    public MachineProfile Profile { get; }

    public MachinePath Path => Profile.Path;

    /// <summary>The state last reported.</summary>
    public MachineState State { get; private set; } = MachineState.Running;

    /// <summary>The reason last reported with <see cref="State"/>, or null.</summary>
    public string? Reason { get; private set; }

    /// <summary>The product being made (or, during a changeover, set up for).</summary>
    public string Product => Profile.Products[_productIndex].Code;

    /// <summary>Parts reported so far.</summary>
    public long GoodCount { get; private set; }

    public long ScrapCount { get; private set; }

    /// <summary>Energy reported so far.</summary>
    public double EnergyKwh { get; private set; }

    internal void AdvanceTo(DateTimeOffset until, List<MachineOutput> output)
    {
        while (true)
        {
            var (at, kind) = NextEvent();
            if (kind == EventKind.None || at > until) return;
            if (at < _now) at = _now;
            Integrate(at);
            _now = at;
            Handle(kind, output);
        }
    }

    private (DateTimeOffset At, EventKind Kind) NextEvent()
    {
        if (!_started) return (_now, EventKind.Start);
        var next = (At: DateTimeOffset.MaxValue, Kind: EventKind.None);
        if (_mode == Mode.Running)
        {
            var runEnd = _episodeEnd < _breakStart ? _episodeEnd : _breakStart;
            if (_nextPartAt < runEnd) Consider(ref next, _nextPartAt, EventKind.Part);
            if (_nextCountAt < runEnd) Consider(ref next, _nextCountAt, EventKind.Count);
            // Report the last parts just before the state changes, so they count in the running (planned) time.
            if (!_finalCountDone) Consider(ref next, Max(_now, runEnd - OneMillisecond), EventKind.FinalCount);
        }
        if (_mode != Mode.Break) Consider(ref next, _breakStart, EventKind.BreakStart);
        Consider(ref next, _episodeEnd, EventKind.EpisodeEnd);
        Consider(ref next, _nextMeasureAt, EventKind.Measure);
        if (_options.StateHeartbeat > TimeSpan.Zero) Consider(ref next, _lastStateAt + _options.StateHeartbeat, EventKind.Heartbeat);
        return next;
    }

    private static void Consider(ref (DateTimeOffset At, EventKind Kind) next, DateTimeOffset at, EventKind kind)
    {
        if (at == DateTimeOffset.MaxValue) return;
        if (at < next.At || (at == next.At && kind < next.Kind)) next = (at, kind);
    }

    private void Handle(EventKind kind, List<MachineOutput> output)
    {
        switch (kind)
        {
            case EventKind.Start: OnStart(output); break;
            case EventKind.Part: OnPart(); break;
            case EventKind.Count:
                EmitPendingCount(output);
                _nextCountAt = NextGridPoint(_countAnchor, _options.CountInterval, _now);
                break;
            case EventKind.FinalCount:
                EmitPendingCount(output);
                _finalCountDone = true;
                break;
            case EventKind.BreakStart: OnBreakStart(output); break;
            case EventKind.EpisodeEnd: OnEpisodeEnd(output); break;
            case EventKind.Measure: OnMeasure(output); break;
            case EventKind.Heartbeat: ReportState(State, Reason, output); break;
            default: throw new InvalidOperationException($"Unexpected event {kind}.");
        }
    }

    private void OnStart(List<MachineOutput> output)
    {
        _started = true;
        var breaks = _options.Breaks;
        if (breaks.At(_now, _options.UtcOffset) is { } current)
        {
            _breakNominalStart = current.Start;
            _temperatureC = Profile.AmbientTemperatureC + (0.3 * (Profile.RunningTemperatureC - Profile.AmbientTemperatureC));
            EnterBreak(current.End + Jitter(BreakEndJitter), current.Reason, output);
        }
        else
        {
            ScheduleBreakAfter(_now);
            EnterRunning(output);
        }
    }

    private void OnPart()
    {
        var scrapRate = Profile.BaseScrapRate + ElevatedScrapRate();
        if (_random.NextDouble() < scrapRate) _pendingScrap++;
        else _pendingGood++;
        _nextPartAt = _now + SampleCycle();
    }

    private void OnBreakStart(List<MachineOutput> output)
    {
        if (_mode == Mode.Running)
        {
            LeaveRunning();
        }
        else if (_mode == Mode.Stop)
        {
            // The stop resumes after the break, for the time it still had.
            _paused = new PausedStop(_stopKind, State, Reason, _episodeEnd - _now);
        }
        EnterBreak(_breakEnd, _breakReason, output);
    }

    private void OnEpisodeEnd(List<MachineOutput> output)
    {
        switch (_mode)
        {
            case Mode.Running:
                LeaveRunning();
                StartDisruption(output);
                break;
            case Mode.Stop:
                EndStop(_stopKind);
                EnterRunning(output);
                break;
            default:
                if (_paused is { } paused && paused.Remaining >= MinimumResume)
                {
                    StartStop(paused.Kind, paused.State, paused.Reason, paused.Remaining, output);
                }
                else
                {
                    if (_paused is { } finished) EndStop(finished.Kind);
                    EnterRunning(output);
                }
                _paused = null;
                break;
        }
    }

    private void OnMeasure(List<MachineOutput> output)
    {
        var elapsedHours = (_now - _lastMeasureAt).TotalHours;
        var exact = _energySinceMeasureKwh + _energyCarryKwh;
        var energy = Math.Max(0, Math.Round(exact, 6));
        _energyCarryKwh = exact - energy;
        // power_kw is the mean power over the interval, so energy_kwh = power_kw × elapsed hours (up to rounding).
        var power = elapsedHours > 0 ? Math.Round(_energySinceMeasureKwh / elapsedHours, 3) : Math.Round(_powerKw, 3);
        var temperature = Math.Round(_temperatureC + (0.15 * _random.NextGaussian()), 1);
        output.Add(new MachineOutput(_now, _index, _order++, TelemetryChannel.Measure)
        {
            TemperatureC = temperature,
            PowerKw = power,
            EnergyKwh = energy,
        });
        EnergyKwh += energy;
        _energySinceMeasureKwh = 0;
        _lastMeasureAt = _now;
        _nextMeasureAt += _options.MeasureInterval;
        _powerKw = SamplePower(State); // the load fluctuates from interval to interval
    }

    private void EnterRunning(List<MachineOutput> output)
    {
        _mode = Mode.Running;
        ReportState(MachineState.Running, null, output);
        _runStartedAt = _now;
        _finalCountDone = false;
        _nextPartAt = _now + SampleCycle();
        _nextCountAt = NextGridPoint(_countAnchor, _options.CountInterval, _now);

        var microStop = _random.NextExponential(Profile.MeanRunBetweenMicroStops);
        var breakdown = _random.NextExponential(Profile.MeanRunBetweenBreakdowns);
        var changeover = _runUntilChangeover;
        (var run, _disruption) = microStop <= breakdown && microStop <= changeover
            ? (microStop, Disruption.MicroStop)
            : breakdown <= changeover ? (breakdown, Disruption.Breakdown) : (changeover, Disruption.Changeover);
        _episodeEnd = _now + SimulationRandom.ToMilliseconds(run < MinimumRun ? MinimumRun : run);
    }

    private void LeaveRunning()
    {
        _runUntilChangeover -= _now - _runStartedAt;
        if (_runUntilChangeover < TimeSpan.Zero) _runUntilChangeover = TimeSpan.Zero;
    }

    private void StartDisruption(List<MachineOutput> output)
    {
        switch (_disruption)
        {
            case Disruption.MicroStop:
                var (state, reason) = _random.Pick(MicroStopCauses);
                var microStop = _random.NextLogNormal(Profile.MedianMicroStop, 0.6, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(110));
                StartStop(StopKind.MicroStop, state, reason, microStop, output);
                break;
            case Disruption.Breakdown:
                var breakdown = _random.NextLogNormal(Profile.MedianBreakdown, 0.5, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(45));
                StartStop(StopKind.Breakdown, MachineState.Down, _random.Pick(BreakdownReasons), breakdown, output);
                break;
            default:
                if (Profile.Products.Count > 1)
                {
                    var next = _random.Next(Profile.Products.Count - 1);
                    _productIndex = next >= _productIndex ? next + 1 : next;
                }
                _runUntilChangeover = Profile.MeanProductRun * _random.NextDouble(0.6, 1.4);
                var changeover = _random.NextLogNormal(Profile.MedianChangeover, 0.3, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));
                StartStop(StopKind.Changeover, MachineState.Changeover, ChangeoverReason, changeover, output);
                break;
        }
    }

    private void StartStop(StopKind kind, MachineState state, string? reason, TimeSpan duration, List<MachineOutput> output)
    {
        _mode = Mode.Stop;
        _stopKind = kind;
        _episodeEnd = _now + SimulationRandom.ToMilliseconds(duration);
        ReportState(state, reason, output);
    }

    /// <summary>After a changeover or breakdown the first parts are more often scrap.</summary>
    private void EndStop(StopKind kind)
    {
        if (kind == StopKind.Changeover)
        {
            (_elevatedScrapFrom, _elevatedScrapPeriod, _elevatedScrapRate) = (_now, Profile.StartupPeriod, Profile.StartupScrapRate);
        }
        else if (kind == StopKind.Breakdown)
        {
            (_elevatedScrapFrom, _elevatedScrapPeriod, _elevatedScrapRate) = (_now, PostBreakdownPeriod, PostBreakdownScrapRate);
        }
    }

    private void EnterBreak(DateTimeOffset end, string reason, List<MachineOutput> output)
    {
        _mode = Mode.Break;
        _episodeEnd = end;
        ReportState(MachineState.PlannedStop, reason, output);
        ScheduleBreakAfter(_breakNominalStart > _now ? _now : _breakNominalStart);
    }

    /// <summary>Schedules the first break whose nominal start lies after <paramref name="after"/>, with this machine's jitter.</summary>
    private void ScheduleBreakAfter(DateTimeOffset after)
    {
        if (_options.Breaks.After(after, _options.UtcOffset) is { } next)
        {
            _breakNominalStart = next.Start;
            _breakStart = next.Start + Jitter(BreakStartJitter);
            _breakEnd = next.End + Jitter(BreakEndJitter);
            _breakReason = next.Reason;
        }
        else
        {
            _breakStart = _breakEnd = DateTimeOffset.MaxValue;
        }
    }

    private void ReportState(MachineState state, string? reason, List<MachineOutput> output)
    {
        State = state;
        Reason = reason;
        _lastStateAt = _now;
        _powerKw = SamplePower(state);
        output.Add(new MachineOutput(_now, _index, _order++, TelemetryChannel.State) { State = state, Reason = reason });
    }

    private void EmitPendingCount(List<MachineOutput> output)
    {
        if (_pendingGood + _pendingScrap == 0) return;
        output.Add(new MachineOutput(_now, _index, _order++, TelemetryChannel.Count)
        {
            Good = _pendingGood,
            Scrap = _pendingScrap,
            Product = Product,
        });
        GoodCount += _pendingGood;
        ScrapCount += _pendingScrap;
        _pendingGood = _pendingScrap = 0;
    }

    private double ElevatedScrapRate()
    {
        var since = _now - _elevatedScrapFrom;
        if (_elevatedScrapPeriod <= TimeSpan.Zero || since >= _elevatedScrapPeriod) return 0;
        return _elevatedScrapRate * (1 - (since / _elevatedScrapPeriod));
    }

    private TimeSpan SampleCycle()
    {
        var ideal = Profile.Products[_productIndex].IdealCycleTime;
        var factor = 1 + Profile.SpeedLoss + (Profile.CycleJitter * Math.Abs(_random.NextGaussian()));
        return SimulationRandom.ToMilliseconds(ideal * factor);
    }

    private double SamplePower(MachineState state)
    {
        var share = state switch
        {
            MachineState.Running => 0.85,
            MachineState.Idle => 0.35,
            MachineState.Changeover => 0.25,
            MachineState.Down => 0.12,
            MachineState.PlannedStop => 0.06,
            _ => 0.0,
        };
        return Math.Max(0, Profile.RatedPowerKw * share * (1 + (0.04 * _random.NextGaussian())));
    }

    private double TargetTemperature(MachineState state)
    {
        var warm = state switch
        {
            MachineState.Running => 1.0,
            MachineState.Idle => 0.6,
            MachineState.Changeover or MachineState.Down => 0.3,
            MachineState.PlannedStop => 0.2,
            _ => 0.0,
        };
        return Profile.AmbientTemperatureC + (warm * (Profile.RunningTemperatureC - Profile.AmbientTemperatureC));
    }

    /// <summary>Energy at the current power level and first-order thermal lag towards the state's temperature.</summary>
    private void Integrate(DateTimeOffset to)
    {
        var elapsed = to - _physicsAt;
        if (elapsed <= TimeSpan.Zero) return;
        _energySinceMeasureKwh += _powerKw * elapsed.TotalHours;
        var target = TargetTemperature(State);
        _temperatureC = target + ((_temperatureC - target) * Math.Exp(-elapsed / ThermalTimeConstant));
        _physicsAt = to;
    }

    private TimeSpan Jitter(TimeSpan max) => TimeSpan.FromSeconds(Math.Round(_random.NextDouble() * max.TotalSeconds));

    private static DateTimeOffset NextGridPoint(DateTimeOffset anchor, TimeSpan interval, DateTimeOffset after)
    {
        if (after < anchor) return anchor;
        var steps = ((after - anchor).Ticks / interval.Ticks) + 1;
        return anchor + (interval * steps);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A message of one machine before it gets its <c>seq</c> and payload.</summary>
internal readonly record struct MachineOutput(DateTimeOffset At, int Machine, long Order, TelemetryChannel Channel)
{
    public MachineState State { get; init; }
    public string? Reason { get; init; }
    public long Good { get; init; }
    public long Scrap { get; init; }
    public string? Product { get; init; }
    public double TemperatureC { get; init; }
    public double PowerKw { get; init; }
    public double EnergyKwh { get; init; }
}

namespace FactoryCloud.Simulator.Simulation;

/// <summary>The simulated time that drives <see cref="PlantSimulation.RunAsync"/>.</summary>
public abstract class SimulationClock
{
    /// <summary>The current simulated instant.</summary>
    public abstract DateTimeOffset Now { get; }

    /// <summary>Returns once <see cref="Now"/> has reached <paramref name="target"/>.</summary>
    public abstract ValueTask WaitUntilAsync(DateTimeOffset target, CancellationToken cancellationToken = default);
}

/// <summary>
/// Simulated time that moves only when told to: <see cref="WaitUntilAsync"/> jumps to the target at once, so a run
/// produces hours of telemetry in milliseconds (tests, back-filling).
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : SimulationClock
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset Now => _now;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _now += duration;
    }

    public override ValueTask WaitUntilAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (target > _now) _now = target;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Simulated time that follows the wall clock, <see cref="SpeedUp"/> times faster: simulated = start + speed-up ×
/// elapsed wall time. With a speed-up above 1 the simulated time runs ahead of the wall clock; start in the past
/// (FactoryCloud refuses a <c>ts</c> more than 5 minutes ahead of its clock).
/// </summary>
public sealed class RealTimeClock : SimulationClock
{
    private readonly DateTimeOffset _start;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speedUp"/> is not a positive finite number.</exception>
    public RealTimeClock(DateTimeOffset start, double speedUp = 1.0, TimeProvider? timeProvider = null)
    {
        if (!double.IsFinite(speedUp) || speedUp <= 0) throw new ArgumentOutOfRangeException(nameof(speedUp), speedUp, "The speed-up must be positive.");
        _start = start;
        SpeedUp = speedUp;
        _time = timeProvider ?? TimeProvider.System;
        _startTimestamp = _time.GetTimestamp();
    }

    public double SpeedUp { get; }

    public override DateTimeOffset Now => _start + (_time.GetElapsedTime(_startTimestamp) * SpeedUp);

    public override async ValueTask WaitUntilAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var remaining = target - Now;
            if (remaining <= TimeSpan.Zero) return;
            var wall = TimeSpan.FromMilliseconds(Math.Ceiling((remaining / SpeedUp).TotalMilliseconds));
            await Task.Delay(wall, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}

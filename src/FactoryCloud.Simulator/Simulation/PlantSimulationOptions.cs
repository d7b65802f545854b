using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Simulator.Simulation;

/// <summary>
/// What a <see cref="PlantSimulation"/> simulates: the machines of one device (one <c>seq</c> counter), from a start
/// instant, deterministically for a seed. <see cref="ForLine"/> builds the usual case.
/// </summary>
public sealed record PlantSimulationOptions
{
    /// <summary>The tenant slug, the third topic segment.</summary>
    public required string Tenant { get; init; }

    /// <summary>The machines, in order (the order breaks ties between messages with the same <c>ts</c>).</summary>
    public required IReadOnlyList<MachineProfile> Machines { get; init; }

    /// <summary>Seed of every random draw: the same options give the same messages.</summary>
    public int Seed { get; init; }

    /// <summary>The simulated instant the simulation starts at (truncated to whole milliseconds).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The UTC offset of the plant: every <c>ts</c> is written with it, and breaks are at local times in it.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.Zero;

    /// <summary>How often a running machine reports the parts produced since its previous count message.</summary>
    public TimeSpan CountInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each machine reports temperature_c, power_kw and energy_kwh.</summary>
    public TimeSpan MeasureInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A machine repeats its current state after this long without a state message; zero turns repeats off.</summary>
    public TimeSpan StateHeartbeat { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>seq</c> of the first message. Pick a value above any the device sent before (see the CLI's default).</summary>
    public ulong FirstSequence { get; init; }

    /// <summary>The daily breaks, reported as <c>planned_stop</c>.</summary>
    public BreakSchedule Breaks { get; init; } = BreakSchedule.ThreeShifts;

    /// <summary>
    /// Machines <c>{tenant}/{site}/{area}/{line}/{key}</c> for each key, with profiles generated from the seed.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not a valid topic key.</exception>
    public static PlantSimulationOptions ForLine(
        string tenant, string site, string area, string line, IEnumerable<string> machineKeys, int seed, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(machineKeys);
        return new PlantSimulationOptions
        {
            Tenant = tenant,
            Machines = machineKeys.Select(key => MachineProfile.Generate(new MachinePath(site, area, line, key), seed)).ToList(),
            Seed = seed,
            Start = start,
            UtcOffset = start.Offset,
        };
    }

    /// <summary><c>m-01</c>, <c>m-02</c>, … (at least two digits).</summary>
    public static IReadOnlyList<string> NumberedMachineKeys(int count, string prefix = "m-")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var digits = Math.Max(2, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return Enumerable.Range(1, count)
            .Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0'))
            .ToList();
    }

    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    internal void Validate()
    {
        if (!TopicKey.IsValid(Tenant)) throw new ArgumentException($"'{Tenant}' is not a valid tenant key: [a-z0-9-]{{1,64}}.", nameof(Tenant));
        if (Machines is not { Count: > 0 }) throw new ArgumentException("At least one machine is required.", nameof(Machines));
        foreach (var machine in Machines) machine.Validate();
        if (Machines.Select(m => m.Path).Distinct().Count() != Machines.Count)
            throw new ArgumentException("Each machine must have its own path.", nameof(Machines));
        if (UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0 || UtcOffset.Duration() > TimeSpan.FromHours(14))
            throw new ArgumentException("The UTC offset must be whole minutes within ±14 hours.", nameof(UtcOffset));
        if (CountInterval < TimeSpan.FromSeconds(1) || MeasureInterval < TimeSpan.FromSeconds(1))
            throw new ArgumentException("Count and measure intervals must be at least 1 second.", nameof(CountInterval));
        if (StateHeartbeat < TimeSpan.Zero || (StateHeartbeat > TimeSpan.Zero && StateHeartbeat < TimeSpan.FromSeconds(1)))
            throw new ArgumentException("The state heartbeat must be zero (off) or at least 1 second.", nameof(StateHeartbeat));
        if (new[] { CountInterval, MeasureInterval, StateHeartbeat }.Any(i => i.Ticks % TimeSpan.TicksPerMillisecond != 0))
            throw new ArgumentException("Intervals must be whole milliseconds.", nameof(CountInterval));
        ArgumentNullException.ThrowIfNull(Breaks);
    }
}

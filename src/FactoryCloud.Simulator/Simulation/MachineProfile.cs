using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Simulator.Simulation;

/// <summary>A product a machine can make, with its ideal cycle time (the fastest possible time per part).</summary>
public sealed record SimulatedProduct(string Code, TimeSpan IdealCycleTime);

/// <summary>
/// How one simulated machine behaves. <see cref="Generate"/> derives a realistic profile from a seed; adjust it with
/// <c>with</c> (for example a slower cycle or more breakdowns) before handing it to <see cref="PlantSimulationOptions"/>.
/// </summary>
public sealed record MachineProfile
{
    private static readonly string[] ProductPool = ["sku-a", "sku-b", "sku-c", "sku-d", "sku-e", "sku-f"];

    /// <summary>Where the machine publishes: <c>fc/v1/{tenant}/{site}/{area}/{line}/{machine}/…</c>.</summary>
    public required MachinePath Path { get; init; }

    /// <summary>The machine's ideal cycle time, used for products it does not know (1.0–3.0 s when generated).</summary>
    public required TimeSpan IdealCycleTime { get; init; }

    /// <summary>The products it switches between at changeovers (at least one; codes of at most 64 characters).</summary>
    public required IReadOnlyList<SimulatedProduct> Products { get; init; }

    /// <summary>How much slower than ideal the machine runs on average (0.05 = 5 % reduced speed).</summary>
    public double SpeedLoss { get; init; } = 0.04;

    /// <summary>Cycle-to-cycle variation: each cycle adds |N(0, 1)| × this share of the ideal cycle time.</summary>
    public double CycleJitter { get; init; } = 0.03;

    /// <summary>Share of parts scrapped in normal production.</summary>
    public double BaseScrapRate { get; init; } = 0.015;

    /// <summary>Extra scrap share right after a changeover, decaying to zero over <see cref="StartupPeriod"/>.</summary>
    public double StartupScrapRate { get; init; } = 0.08;

    /// <summary>How long the elevated start-up scrap lasts after a changeover.</summary>
    public TimeSpan StartupPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Mean running time between micro-stops (jams, starved, blocked; each under 2 minutes).</summary>
    public TimeSpan MeanRunBetweenMicroStops { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Median micro-stop length (clamped to 5–110 s, so always below the 2-minute small-stop threshold).</summary>
    public TimeSpan MedianMicroStop { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>Mean running time between breakdowns (motor_fault, sensor_fault, …).</summary>
    public TimeSpan MeanRunBetweenBreakdowns { get; init; } = TimeSpan.FromMinutes(150);

    /// <summary>Median breakdown length (clamped to 3–45 minutes).</summary>
    public TimeSpan MedianBreakdown { get; init; } = TimeSpan.FromMinutes(8);

    /// <summary>Mean running time of one product before a changeover to another.</summary>
    public TimeSpan MeanProductRun { get; init; } = TimeSpan.FromMinutes(130);

    /// <summary>Median changeover length (clamped to 5–30 minutes).</summary>
    public TimeSpan MedianChangeover { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>Electrical power drawn while running at full speed.</summary>
    public double RatedPowerKw { get; init; } = 12;

    /// <summary>The steady temperature while running; stopped machines cool towards <see cref="AmbientTemperatureC"/>.</summary>
    public double RunningTemperatureC { get; init; } = 68;

    public double AmbientTemperatureC { get; init; } = 22;

    /// <summary>The ideal cycle times as the KPI engine wants them (per product, with the machine's as fallback).</summary>
    public IdealCycleTimes ToIdealCycleTimes() =>
        new(IdealCycleTime, Products.ToDictionary(p => p.Code, p => p.IdealCycleTime, StringComparer.Ordinal));

    /// <summary>The ideal cycle time of a product, falling back to the machine's.</summary>
    public TimeSpan IdealCycleTimeFor(string? product) =>
        Products.FirstOrDefault(p => string.Equals(p.Code, product, StringComparison.Ordinal))?.IdealCycleTime ?? IdealCycleTime;

    /// <summary>A realistic, varied profile; the same path and seed always give the same profile.</summary>
    public static MachineProfile Generate(MachinePath path, int seed)
    {
        ArgumentNullException.ThrowIfNull(path);
        var random = new Random(SimulationRandom.Mix(seed, SimulationRandom.StableHash(path.ToString())));
        var ideal = TimeSpan.FromSeconds(Math.Round(random.NextDouble(1.0, 3.0), 1));
        var products = ProductPool
            .Select(code => (Code: code, Key: random.NextDouble()))
            .OrderBy(p => p.Key)
            .Take(3)
            .Select((p, i) => new SimulatedProduct(
                p.Code,
                i == 0 ? ideal : TimeSpan.FromMilliseconds(Math.Round(ideal.TotalMilliseconds * random.NextDouble(0.85, 1.2) / 10) * 10)))
            .ToList();
        var running = Math.Round(random.NextDouble(55, 78), 1);
        return new MachineProfile
        {
            Path = path,
            IdealCycleTime = ideal,
            Products = products,
            SpeedLoss = Math.Round(random.NextDouble(0.02, 0.07), 3),
            CycleJitter = 0.03,
            BaseScrapRate = Math.Round(random.NextDouble(0.008, 0.025), 4),
            StartupScrapRate = Math.Round(random.NextDouble(0.06, 0.12), 3),
            MeanRunBetweenMicroStops = TimeSpan.FromMinutes(Math.Round(random.NextDouble(6, 14), 1)),
            MedianMicroStop = TimeSpan.FromSeconds(Math.Round(random.NextDouble(25, 45))),
            MeanRunBetweenBreakdowns = TimeSpan.FromMinutes(Math.Round(random.NextDouble(100, 240))),
            MedianBreakdown = TimeSpan.FromMinutes(Math.Round(random.NextDouble(6, 11), 1)),
            MeanProductRun = TimeSpan.FromMinutes(Math.Round(random.NextDouble(90, 180))),
            MedianChangeover = TimeSpan.FromMinutes(Math.Round(random.NextDouble(9, 16), 1)),
            RatedPowerKw = Math.Round(random.NextDouble(4, 22) * 2) / 2,
            RunningTemperatureC = running,
            AmbientTemperatureC = 22,
        };
    }

    /// <exception cref="ArgumentException">A value is out of its range.</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Path);
        if (IdealCycleTime < TimeSpan.FromMilliseconds(10)) throw Invalid("IdealCycleTime must be at least 10 ms.");
        if (Products is not { Count: > 0 }) throw Invalid("at least one product is required.");
        foreach (var product in Products)
        {
            if (string.IsNullOrEmpty(product.Code) || product.Code.EnumerateRunes().Count() > TelemetryContract.MaxProductLength)
                throw Invalid($"product codes must have 1 to {TelemetryContract.MaxProductLength} characters.");
            if (product.IdealCycleTime < TimeSpan.FromMilliseconds(10)) throw Invalid($"the ideal cycle time of '{product.Code}' must be at least 10 ms.");
        }
        if (Products.Select(p => p.Code).Distinct(StringComparer.Ordinal).Count() != Products.Count) throw Invalid("product codes must be unique.");
        if (SpeedLoss is < 0 or > 5 || CycleJitter is < 0 or > 5) throw Invalid("SpeedLoss and CycleJitter must lie in [0, 5].");
        if (BaseScrapRate is < 0 or > 1 || StartupScrapRate is < 0 or > 1) throw Invalid("scrap rates must lie in [0, 1].");
        if (StartupPeriod < TimeSpan.Zero) throw Invalid("StartupPeriod cannot be negative.");
        foreach (var (name, value) in new[]
                 {
                     (nameof(MeanRunBetweenMicroStops), MeanRunBetweenMicroStops), (nameof(MedianMicroStop), MedianMicroStop),
                     (nameof(MeanRunBetweenBreakdowns), MeanRunBetweenBreakdowns), (nameof(MedianBreakdown), MedianBreakdown),
                     (nameof(MeanProductRun), MeanProductRun), (nameof(MedianChangeover), MedianChangeover),
                 })
        {
            if (value <= TimeSpan.Zero) throw Invalid($"{name} must be positive.");
        }
        if (!double.IsFinite(RatedPowerKw) || RatedPowerKw < 0) throw Invalid("RatedPowerKw must be a finite, non-negative number.");
        if (!double.IsFinite(RunningTemperatureC) || !double.IsFinite(AmbientTemperatureC)) throw Invalid("temperatures must be finite.");
    }

    private ArgumentException Invalid(string message) => new($"Machine '{Path}': {message}");
}

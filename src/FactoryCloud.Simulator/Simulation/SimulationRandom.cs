namespace FactoryCloud.Simulator.Simulation;

/// <summary>
/// Deterministic sampling helpers. Every random draw of the simulation comes from a <see cref="Random"/> created with
/// an explicit seed (whose sequence .NET keeps stable), and seeds are derived with stable hashes, never
/// <see cref="string.GetHashCode()"/> (randomised per process).
/// </summary>
internal static class SimulationRandom
{
    /// <summary>A well-mixed seed from a base seed and a salt (SplitMix64 finaliser).</summary>
    public static int Mix(int seed, ulong salt)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ salt ^ 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and runtimes.</summary>
    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }
        return hash;
    }

    public static double NextDouble(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    /// <summary>Standard normal (Box–Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1]
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Exponentially distributed with the given mean: the time to the next event of a memoryless process.</summary>
    public static TimeSpan NextExponential(this Random random, TimeSpan mean) =>
        TimeSpan.FromSeconds(-mean.TotalSeconds * Math.Log(1.0 - random.NextDouble()));

    /// <summary>Log-normal around <paramref name="median"/>, clamped to [min, max]: durations with a long right tail.</summary>
    public static TimeSpan NextLogNormal(this Random random, TimeSpan median, double sigma, TimeSpan min, TimeSpan max)
    {
        var value = TimeSpan.FromSeconds(median.TotalSeconds * Math.Exp(sigma * random.NextGaussian()));
        return value < min ? min : value > max ? max : value;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Whole milliseconds, at least one: all simulated instants lie on the millisecond grid of the payloads' ts.</summary>
    public static TimeSpan ToMilliseconds(TimeSpan value) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(value.TotalMilliseconds, MidpointRounding.AwayFromZero)));
}

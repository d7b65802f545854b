namespace FactoryCloud.Domain.Backlogs;

/// <summary>Story-point scales: an estimate must be one of the product's scale values.</summary>
public static class PointScale
{
    public static readonly IReadOnlyList<double> Fibonacci = [0, 1, 2, 3, 5, 8, 13, 21];

    public const int MaxValues = 30;

    public static bool Allows(IReadOnlyList<double> scale, double? estimate) =>
        estimate is not { } value || scale.Any(v => Math.Abs(v - value) < 1e-9);

    /// <summary>Null when the scale is usable: non-empty, non-negative, strictly ascending, at most <see cref="MaxValues"/>.</summary>
    public static string? Problem(IReadOnlyList<double> scale)
    {
        if (scale.Count == 0) return "A point scale needs at least one value.";
        if (scale.Count > MaxValues) return $"A point scale has at most {MaxValues} values.";
        if (scale.Any(v => v < 0 || double.IsNaN(v) || double.IsInfinity(v))) return "Point values must be zero or more.";
        for (var i = 1; i < scale.Count; i++)
            if (scale[i] <= scale[i - 1]) return "Point values must be strictly ascending.";
        return null;
    }
}

using System.Globalization;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>How a figure is measured and shown; also which thresholds make sense for it.</summary>
public enum FigureUnit
{
    /// <summary>A fraction 0..1, shown as a percentage.</summary>
    Share,
    Count,
    Days,
    Minutes,
    KwhPerUnit,

    /// <summary>A relative change (−0.05 = 5 % less), shown as a signed percentage.</summary>
    Change,

    /// <summary>A change of a share in percentage points (0.02 = +2 pp).</summary>
    Points,

    /// <summary>Standard deviation over mean.</summary>
    Ratio,

    /// <summary>1 yes, 0 no.</summary>
    Flag,
}

/// <summary>A figure a rule measures: its key (used in threshold keys), label and unit.</summary>
public sealed record FigureDefinition(string Key, string Label, FigureUnit Unit);

/// <summary>One measured figure; <see cref="Value"/> null when the data does not allow it (shown as "no data").</summary>
public sealed record EvidenceFigure(string Key, string Label, FigureUnit Unit, double? Value)
{
    public string Display => Value is { } v ? FigureFormat.Format(Unit, v) : "no data";
}

public static class FigureFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(FigureUnit unit, double value) => unit switch
    {
        FigureUnit.Share => (value * 100).ToString("0.#", Invariant) + " %",
        FigureUnit.Change => (value >= 0 ? "+" : "") + (value * 100).ToString("0.#", Invariant) + " %",
        FigureUnit.Points => (value >= 0 ? "+" : "") + (value * 100).ToString("0.#", Invariant) + " pp",
        FigureUnit.Count => value.ToString("0.##", Invariant),
        FigureUnit.Days => value.ToString("0.#", Invariant) + " days",
        FigureUnit.Minutes => value.ToString("0.#", Invariant) + " min",
        FigureUnit.KwhPerUnit => value.ToString("0.###", Invariant) + " kWh/unit",
        FigureUnit.Ratio => value.ToString("0.##", Invariant),
        FigureUnit.Flag => value >= 0.5 ? "yes" : "no",
        _ => value.ToString(Invariant),
    };

    /// <summary>Whether a threshold fits the unit: shares 0..1, counts and durations not negative, flags 0 or 1.</summary>
    public static bool IsValidThreshold(FigureUnit unit, double value) => double.IsFinite(value) && unit switch
    {
        FigureUnit.Share => value is >= 0 and <= 1,
        FigureUnit.Points => value is >= -1 and <= 1,
        FigureUnit.Change => value is >= -1 and <= 10,
        FigureUnit.Flag => value is 0 or 1,
        _ => value >= 0,
    };
}

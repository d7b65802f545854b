using System.Globalization;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>Coordinates for the SVG charts (radar, matrix, trend), kept out of the markup so they can be tested.</summary>
public static class ChartGeometry
{
    /// <summary>
    /// The point for <paramref name="value"/> on axis <paramref name="axis"/> of <paramref name="axes"/>: the first
    /// axis points up, the others follow clockwise; 0 is the centre, <paramref name="max"/> the outer ring.
    /// </summary>
    public static (double X, double Y) RadarPoint(int axis, int axes, double value, double max, double radius, double centre)
    {
        var angle = (-Math.PI / 2) + (2 * Math.PI * axis / axes);
        var r = radius * Math.Clamp(value, 0, max) / max;
        return (centre + (r * Math.Cos(angle)), centre + (r * Math.Sin(angle)));
    }

    /// <summary>An SVG <c>points</c> attribute; unanswered values (null) sit at the centre.</summary>
    public static string RadarPolygon(IReadOnlyList<double?> values, double max, double radius, double centre) =>
        string.Join(' ', values.Select((v, i) => Format(RadarPoint(i, values.Count, v ?? 0, max, radius, centre))));

    /// <summary>Maps <paramref name="value"/> in [min, max] linearly onto [from, to].</summary>
    public static double Scale(double value, double min, double max, double from, double to) =>
        max <= min ? from : from + ((to - from) * (Math.Clamp(value, min, max) - min) / (max - min));

    public static string Format((double X, double Y) p) => $"{N(p.X)},{N(p.Y)}";

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

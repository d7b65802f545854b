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

    /// <summary>
    /// Breaks a label into at most <paramref name="maxLines"/> lines of at most <paramref name="maxLine"/> characters at
    /// spaces (a longer word is cut); what does not fit ends the last line with "…". SVG text does not wrap by itself.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int maxLine, int maxLines)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var piece = word.Length > maxLine ? word[..(maxLine - 1)] + "…" : word;
            if (current.Length == 0) current = piece;
            else if (current.Length + 1 + piece.Length <= maxLine) current += " " + piece;
            else
            {
                lines.Add(current);
                current = piece;
            }
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count <= maxLines) return lines;
        var kept = lines.Take(maxLines).ToList();
        var last = kept[^1];
        kept[^1] = (last.Length >= maxLine ? last[..(maxLine - 1)] : last) + "…";
        return kept;
    }

    /// <summary>
    /// Label baselines that do not collide: labels starting at <c>X</c> and <paramref name="width"/> wide are placed
    /// at their point's <c>Y</c>, moved down (top to bottom) until none is within <paramref name="lineHeight"/> of an
    /// earlier label they overlap horizontally. Returns the Y of each label, in the input's order.
    /// </summary>
    public static IReadOnlyList<double> SpreadLabels(IReadOnlyList<(double X, double Y)> anchors, double width, double lineHeight)
    {
        var placed = new List<(double X, double Y)>();
        var result = new double[anchors.Count];
        foreach (var i in Enumerable.Range(0, anchors.Count).OrderBy(i => anchors[i].Y).ThenBy(i => anchors[i].X))
        {
            var (x, y) = anchors[i];
            while (placed.Any(p => Math.Abs(p.X - x) < width && Math.Abs(p.Y - y) < lineHeight)) y += lineHeight;
            placed.Add((x, y));
            result[i] = y;
        }
        return result;
    }

    /// <summary>
    /// Points moved sideways until none is closer than <paramref name="distance"/> to an earlier one: each point in
    /// turn tries its own place, then <paramref name="distance"/> to the right, to the left, twice that, and so on.
    /// Points of equal gap and weight (common in a matrix of small whole numbers) sit side by side instead of on top of
    /// each other. Places outside [<paramref name="minX"/>, <paramref name="maxX"/>] are not tried. Returns the points
    /// in the input's order.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> SpreadPoints(IReadOnlyList<(double X, double Y)> points, double distance,
        double minX = double.NegativeInfinity, double maxX = double.PositiveInfinity)
    {
        var placed = new List<(double X, double Y)>(points.Count);
        foreach (var (x, y) in points)
        {
            var free = Enumerable.Range(0, (2 * points.Count) + 1)
                .Select(step => x + (distance * ((step + 1) / 2) * (step % 2 == 1 ? 1 : -1)))
                .Where(candidate => candidate >= minX && candidate <= maxX)
                .DefaultIfEmpty(x)
                .First(candidate => placed.All(p => Math.Pow(p.X - candidate, 2) + Math.Pow(p.Y - y, 2) >= distance * distance));
            placed.Add((free, y));
        }
        return placed;
    }

    public static string Format((double X, double Y) p) => $"{N(p.X)},{N(p.Y)}";

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

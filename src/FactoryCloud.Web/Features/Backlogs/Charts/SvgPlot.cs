using System.Globalization;

namespace FactoryCloud.Web.Features.Backlogs.Charts;

/// <summary>
/// Maps data to the drawing area of the small SVG charts (burndown, cumulative flow, lead/cycle times):
/// x from 0..<see cref="XMax"/>, y from 0..<see cref="YMax"/>, with the origin bottom-left inside the margins.
/// </summary>
public sealed record SvgPlot(double XMax, double YMax, double Width = 600, double Height = 240, double Margin = 32)
{
    public double X(double value) => Margin + (XMax <= 0 ? 0 : value / XMax * (Width - 2 * Margin));

    public double Y(double value) => Height - Margin - (YMax <= 0 ? 0 : value / YMax * (Height - 2 * Margin));

    public string Point(double x, double y) => $"{Number(X(x))},{Number(Y(y))}";

    public string Points(IEnumerable<(double X, double Y)> points) => string.Join(' ', points.Select(p => Point(p.X, p.Y)));

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A y-axis maximum a little above the data, so the top line is not drawn on the frame.</summary>
    public static double Ceiling(double max) => max <= 0 ? 1 : Math.Ceiling(max * 1.1);
}

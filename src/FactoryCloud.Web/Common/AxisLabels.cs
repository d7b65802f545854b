namespace FactoryCloud.Web.Common;

/// <summary>
/// Category labels for MudChart's x axis. MudChart writes every label it is given, so a day of hours (24 labels) ran
/// into each other; charts draw at the width of their panel (<c>MatchBoundsToSize</c>), down to a phone's, so only as
/// many labels are kept as fit there.
/// </summary>
public static class AxisLabels
{
    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="labels"/>, evenly spaced from the first; the others become
    /// empty (the axis keeps one slot per value).
    /// </summary>
    public static string[] Thin(IReadOnlyList<string> labels, int max)
    {
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)Math.Max(1, max)));
        return labels.Select((label, i) => i % every == 0 ? label : "").ToArray();
    }

    /// <summary>
    /// How many labels of <paramref name="characters"/> characters fit side by side on a phone's chart (about 300 px
    /// of plot at 12 px text, about 7 px a character plus a gap).
    /// </summary>
    public static int FitOnAPhone(int characters) => Math.Max(2, 300 / ((characters * 7) + 12));
}

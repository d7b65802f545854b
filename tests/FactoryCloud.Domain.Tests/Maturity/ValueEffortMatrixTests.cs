using FactoryCloud.Domain.Maturity;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class ValueEffortMatrixTests
{
    private static ValueEffortInput Gap(string key, decimal? value, double? points, string currency = "EUR") =>
        new(key, key, 2, new GapValue(value, value is null ? null : currency, ""),
            points is null ? GapEffort.NoEpic : new GapEffort(1, points, 1, 0, 0));

    [Fact]
    public void GapsAreSplitAtTheMediansAndRankedByValuePerPoint()
    {
        // Medians: value 5,000 (between 4,000 and 6,000), effort 15 (between 10 and 20).
        var placed = ValueEffortMatrix.Place(
        [
            Gap("quick", 6_000, 10), Gap("major", 8_000, 40), Gap("fill", 1_000, 5), Gap("reconsider", 4_000, 20),
        ]);

        // 600 per point first; the three at 200 per point by value.
        Assert.Equal(["quick", "major", "reconsider", "fill"], placed.Select(p => p.Gap.DimensionKey));
        Assert.Equal(
            [ValueEffortQuadrant.QuickWin, ValueEffortQuadrant.MajorProject, ValueEffortQuadrant.Reconsider, ValueEffortQuadrant.FillIn],
            placed.Select(p => p.Quadrant));
        Assert.Equal([600m, 200m, 200m, 200m], placed.Select(p => p.ValuePerPoint!.Value));
    }

    [Fact]
    public void GapsWithoutAnEstimateOrAValueGetTheirOwnLanesAfterThePlacedOnes()
    {
        var placed = ValueEffortMatrix.Place([Gap("unvalued", null, 8), Gap("small", 500, null), Gap("placed", 2_000, 8), Gap("big", 9_000, null)]);

        Assert.Equal(["placed", "big", "small", "unvalued"], placed.Select(p => p.Gap.DimensionKey));
        Assert.Equal(ValueEffortQuadrant.QuickWin, placed[0].Quadrant); // alone, it is its own median
        Assert.Equal([ValueEffortQuadrant.NotEstimated, ValueEffortQuadrant.NotEstimated, ValueEffortQuadrant.NotValued], placed.Skip(1).Select(p => p.Quadrant));
    }

    [Fact]
    public void CurrenciesHaveTheirOwnMediansAndClosedGapsAreLeftOut()
    {
        var closed = Gap("closed", 9_000, 1) with { Gap = 0 };

        var placed = ValueEffortMatrix.Place([Gap("eur", 100, 50), Gap("chf", 50_000, 1, "CHF"), closed]);

        Assert.Equal(2, placed.Count);
        Assert.All(placed, p => Assert.Equal(ValueEffortQuadrant.QuickWin, p.Quadrant));
    }

    [Fact]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2.5, ValueEffortMatrix.Median([4, 1, 2, 3]));
        Assert.Equal(3, ValueEffortMatrix.Median([5, 3, 1]));
        Assert.Equal(0, ValueEffortMatrix.Median([]));
    }
}

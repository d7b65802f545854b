using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class GapPrioritisationTests
{
    [Fact]
    public void GapsAreRankedByGapTimesWeightAndPlacedInTheirQuadrant()
    {
        // Weights 3, 1, 2: the mean 2 separates high from lower impact.
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 2, 3), Answer("connectivity", 1, 5), Answer("energy", 1, 3)]);

        var ranked = GapPrioritisation.Rank(score);

        // connectivity and energy tie at 4: the heavier one first.
        Assert.Equal(["energy", "connectivity", "strategy"], ranked.Select(r => r.Dimension.Key));
        Assert.Equal([4.0, 4.0, 3.0], ranked.Select(r => r.Priority));
        Assert.Equal(PriorityQuadrant.DoFirst, ranked[0].Quadrant); // gap 2, weight 2
        Assert.Equal(PriorityQuadrant.Plan, ranked[1].Quadrant); // gap 4, weight 1
        Assert.Equal(PriorityQuadrant.QuickWin, ranked[2].Quadrant); // gap 1, weight 3
    }

    [Fact]
    public void EqualPriorityGoesToTheHeavierDimension()
    {
        var score = MaturityScoring.Score(Model(), [Answer("connectivity", 1, 3), Answer("energy", 2, 3)]);

        Assert.Equal(["energy", "connectivity"], GapPrioritisation.Rank(score).Select(r => r.Dimension.Key));
    }

    [Fact]
    public void ASmallGapOnALowImpactDimensionComesLater()
    {
        var ranked = GapPrioritisation.Rank(MaturityScoring.Score(Model(), [Answer("connectivity", 2, 3)]));

        Assert.Equal(PriorityQuadrant.Later, Assert.Single(ranked).Quadrant);
    }

    [Fact]
    public void ReachedTargetsAndUnansweredDimensionsAreNotGaps()
    {
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 4, 4), Answer("energy", null, 3)]);

        Assert.Empty(GapPrioritisation.Rank(score));
    }
}

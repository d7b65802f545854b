using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class MaturityScoringTests
{
    [Fact]
    public void TheOverallScoreIsTheWeightedMeanOfTheStages()
    {
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 2, 4), Answer("connectivity", 5, 5), Answer("energy", 1, 3)]);

        Assert.Equal(((3 * 2) + (1 * 5) + (2 * 1)) / 6.0, score.Overall!.Value, 9); // 13/6 = 2.1667
        Assert.Equal(((3 * 4) + (1 * 5) + (2 * 3)) / 6.0, score.Target!.Value, 9); // 23/6
        Assert.Equal(MaturityStage.Developing, score.OverallStage);
        Assert.Equal(3, score.Answered);
        Assert.Equal(1.0, score.Progress);
    }

    [Fact]
    public void AHeavierDimensionMovesTheScoreMoreThanALightOne()
    {
        var raisedHeavy = MaturityScoring.Score(Model(), [Answer("strategy", 3), Answer("connectivity", 2), Answer("energy", 2)]);
        var raisedLight = MaturityScoring.Score(Model(), [Answer("strategy", 2), Answer("connectivity", 3), Answer("energy", 2)]);

        Assert.Equal(15 / 6.0, raisedHeavy.Overall!.Value, 9);
        Assert.Equal(13 / 6.0, raisedLight.Overall!.Value, 9);
    }

    [Fact]
    public void UnansweredDimensionsAreLeftOutOfTheScoreInsteadOfCountingAsZero()
    {
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 4), Answer("connectivity", null)]);

        Assert.Equal(4.0, score.Overall);
        Assert.Null(score.Target);
        Assert.Equal(1, score.Answered);
        Assert.Equal(1 / 3.0, score.Progress, 9);
        Assert.Equal(MaturityStage.Advanced, score.OverallStage);
    }

    [Fact]
    public void NoAnswersGiveNoScoreRatherThanZero()
    {
        var score = MaturityScoring.Score(Model(), []);

        Assert.Null(score.Overall);
        Assert.Null(score.OverallStage);
        Assert.Equal(3, score.Dimensions.Count);
        Assert.All(score.Groups, g => Assert.Null(g.Score));
    }

    [Fact]
    public void StageZeroCountsAsAnAnswerThatPullsTheScoreDown()
    {
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 0), Answer("connectivity", 3)]);

        Assert.Equal(3 / 4.0, score.Overall!.Value, 9);
        Assert.Equal(MaturityStage.NotStarted, score.OverallStage);
    }

    [Fact]
    public void GroupScoresAreWeightedMeansWithinEachGroup()
    {
        var model = Model();
        model.Dimensions.Add(Dimension("skills", "Skills", DimensionGroup.Organisation, 1));
        var score = MaturityScoring.Score(model, [Answer("strategy", 3, 4), Answer("skills", 1, 2), Answer("energy", 2)]);

        var organisation = score.Groups.Single(g => g.Group == DimensionGroup.Organisation);
        Assert.Equal(((3 * 3) + 1) / 4.0, organisation.Score!.Value, 9);
        Assert.Equal(((3 * 4) + 2) / 4.0, organisation.TargetScore!.Value, 9);
        Assert.Null(score.Groups.Single(g => g.Group == DimensionGroup.Technology).Score);
        Assert.Equal(2.0, score.Groups.Single(g => g.Group == DimensionGroup.Process).Score);
        Assert.Equal([DimensionGroup.Process, DimensionGroup.Technology, DimensionGroup.Organisation], score.Groups.Select(g => g.Group));
    }

    [Theory]
    [InlineData(2, 4, 2)]
    [InlineData(3, 3, 0)]
    [InlineData(0, 5, 5)]
    public void TheGapIsTheStagesBetweenCurrentAndTarget(int current, int target, int gap) =>
        Assert.Equal(gap, MaturityScoring.Score(Model(), [Answer("energy", current, target)]).Find("energy")!.Gap);

    [Fact]
    public void ThereIsNoGapWithoutBothAStageAndATarget()
    {
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 2), Answer("energy", null, 4)]);

        Assert.Null(score.Find("strategy")!.Gap);
        Assert.Null(score.Find("energy")!.Gap);
        Assert.Null(score.Find("connectivity")!.Gap);
    }

    [Fact]
    public void AnswersForDimensionsTheModelDoesNotHaveAreIgnored()
    {
        var score = MaturityScoring.Score(Model(), [Answer("strategy", 2), Answer("removed-dimension", 5)]);

        Assert.Equal(2.0, score.Overall);
        Assert.DoesNotContain(score.Dimensions, d => d.Key == "removed-dimension");
    }

    [Theory]
    [InlineData(2.999, MaturityStage.Developing)]
    [InlineData(3.0, MaturityStage.Established)]
    [InlineData(0.4, MaturityStage.NotStarted)]
    [InlineData(5.0, MaturityStage.Optimized)]
    public void TheOverallStageIsTheStageTheScoreHasFullyReached(double score, MaturityStage stage) =>
        Assert.Equal(stage, MaturityStages.Reached(score));
}

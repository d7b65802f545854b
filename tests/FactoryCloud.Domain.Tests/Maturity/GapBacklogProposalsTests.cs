using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class GapBacklogProposalsTests
{
    private static readonly Guid AssessmentId = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    [Fact]
    public void EachSelectedGapBecomesAnEpicWithTheActionsOfEveryStageToClimb()
    {
        var model = Model();
        var score = MaturityScoring.Score(model, [Answer("energy", 1, 3, new DateOnly(2027, 3, 31)), Answer("strategy", 2, 4)]);

        var epic = Assert.Single(GapBacklogProposals.For(model, AssessmentId, "Plant North 2026", score, ["energy"]));

        Assert.Equal(AssessmentId, epic.AssessmentId);
        Assert.Equal("energy", epic.DimensionKey);
        Assert.Equal("Raise Energy from 1 Ad hoc to 3 Established", epic.Title);
        Assert.Equal("Close the gap found in the assessment \"Plant North 2026\" by 2027-03-31. Target: Energy at stage 3", epic.Description);
        Assert.Equal(new DateOnly(2027, 3, 31), epic.TargetDate);
        Assert.Equal(["Energy step 2a", "Energy step 2b", "Energy step 3a", "Energy step 3b"], epic.Stories.Select(s => s.Title));
        Assert.Equal([MaturityStage.Developing, MaturityStage.Developing, MaturityStage.Established, MaturityStage.Established], epic.Stories.Select(s => s.ForStage));
        Assert.Equal("Towards 2 Developing in Energy: Energy at stage 2", epic.Stories[0].Description);
    }

    [Fact]
    public void DimensionsWithoutAnOpenGapOrUnknownToTheModelGiveNoEpic()
    {
        var model = Model();
        var score = MaturityScoring.Score(model, [Answer("energy", 3, 3), Answer("strategy", 2)]);

        Assert.Empty(GapBacklogProposals.For(model, AssessmentId, "A", score, ["energy", "strategy", "connectivity", "nope"]));
    }

    [Fact]
    public void EpicsFollowTheModelsDimensionOrder()
    {
        var model = Model();
        var score = MaturityScoring.Score(model, [Answer("energy", 1, 2), Answer("strategy", 1, 2)]);

        Assert.Equal(["strategy", "energy"], GapBacklogProposals.For(model, AssessmentId, "A", score, ["energy", "strategy"]).Select(e => e.DimensionKey));
    }

    [Fact]
    public void OnlyTheChosenStoriesAreKeptAndAnUnnamedDimensionKeepsAll()
    {
        var model = Model();
        var score = MaturityScoring.Score(model, [Answer("energy", 1, 3), Answer("strategy", 1, 2)]);
        var proposals = GapBacklogProposals.For(model, AssessmentId, "A", score, ["energy", "strategy"]);

        var kept = GapBacklogProposals.Keep(proposals, new Dictionary<string, List<string>> { ["energy"] = ["Energy step 3a"] });

        Assert.Equal(["Energy step 3a"], kept.Single(p => p.DimensionKey == "energy").Stories.Select(s => s.Title));
        Assert.Equal(proposals.Single(p => p.DimensionKey == "strategy").Stories, kept.Single(p => p.DimensionKey == "strategy").Stories);
        Assert.Same(proposals, GapBacklogProposals.Keep(proposals, null));
    }
}

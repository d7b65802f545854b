using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class EpicLaneRulesTests
{
    private static readonly Guid EpicA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid EpicB = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Feature = Guid.Parse("00000000-0000-0000-0000-0000000000f1");

    [Fact]
    public void AFeatureDroppedIntoAnotherEpicsLaneMovesUnderThatEpic() =>
        Assert.Equal(new EpicLaneRules.Outcome(EpicB, null), EpicLaneRules.Reassign(WorkItemType.Feature, EpicA, EpicA, EpicB));

    [Fact]
    public void AFeatureWithoutEpicDroppedIntoAnEpicsLaneMovesUnderIt() =>
        Assert.Equal(new EpicLaneRules.Outcome(EpicA, null), EpicLaneRules.Reassign(WorkItemType.Feature, null, null, EpicA));

    [Fact]
    public void AFeatureDroppedIntoNoEpicLosesItsParent() =>
        Assert.Equal(new EpicLaneRules.Outcome(null, null), EpicLaneRules.Reassign(WorkItemType.Feature, EpicA, EpicA, null));

    [Theory]
    [InlineData(WorkItemType.Story)]
    [InlineData(WorkItemType.Bug)]
    [InlineData(WorkItemType.Task)]
    public void ACardInItsOwnLaneKeepsItsParent(WorkItemType type) =>
        Assert.Equal(new EpicLaneRules.Outcome(Feature, null), EpicLaneRules.Reassign(type, Feature, EpicA, EpicA));

    [Fact]
    public void AStoryUnderAFeatureIsNotCutFromItsFeature()
    {
        var outcome = EpicLaneRules.Reassign(WorkItemType.Story, Feature, EpicA, EpicB);

        Assert.Equal(Feature, outcome.ParentId);
        Assert.Equal("This Story belongs to its epic through its parent; move the parent to the other epic instead.", outcome.Problem);
    }

    [Fact]
    public void AStoryWithoutParentCannotGoDirectlyUnderAnEpic() =>
        Assert.Equal("A Story cannot sit directly under an epic; give it a parent of that epic on its page.",
            EpicLaneRules.Reassign(WorkItemType.Story, null, null, EpicA).Problem);

    [Fact]
    public void AnEpicCannotMoveIntoAnotherEpicsLane() =>
        Assert.NotNull(EpicLaneRules.Reassign(WorkItemType.Epic, null, EpicA, EpicB).Problem);
}

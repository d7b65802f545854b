using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class GapEffortTests
{
    private static readonly Guid Epic = Guid.NewGuid(), Feature = Guid.NewGuid(), StoryA = Guid.NewGuid(), StoryB = Guid.NewGuid(), StoryC = Guid.NewGuid();

    [Fact]
    public void EffortIsThePointsOfTheLeavesUnderTheEpicsNotTheirParentsForecasts()
    {
        HierarchyRollup.Item[] items =
        [
            new(Epic, null, 40, ColumnCategory.InProgress),
            new(Feature, Epic, 20, ColumnCategory.InProgress),
            new(StoryA, Feature, 5, ColumnCategory.Done),
            new(StoryB, Feature, 3, ColumnCategory.Proposed),
            new(StoryC, Feature, null, ColumnCategory.Proposed),
        ];

        var effort = GapEffort.Of([Epic], items);

        Assert.Equal(8, effort.Points);
        Assert.Equal((2, 1), (effort.EstimatedItems, effort.UnestimatedItems));
        Assert.Equal(5.0 / 8, effort.Progress!.Value, 9);
        Assert.True(effort.IsEstimated);
    }

    [Fact]
    public void AnEpicWhoseItemsCarryNoEstimateIsNotEstimatedAndCancelledItemsCountForNothing()
    {
        HierarchyRollup.Item[] items =
        [
            new(Epic, null, 13, ColumnCategory.Proposed),
            new(StoryA, Epic, null, ColumnCategory.Proposed),
            new(StoryB, Epic, 8, ColumnCategory.Removed),
        ];

        var effort = GapEffort.Of([Epic], items);

        Assert.Null(effort.Points);
        Assert.False(effort.IsEstimated);
        Assert.Equal((1, 0, 1), (effort.Epics, effort.EstimatedItems, effort.UnestimatedItems));
    }

    [Fact]
    public void AnEpicWithoutChildrenCountsItsOwnEstimateAndNoEpicIsNoEffort()
    {
        Assert.Equal(13, GapEffort.Of([Epic], [new(Epic, null, 13, ColumnCategory.Proposed)]).Points);
        Assert.Same(GapEffort.NoEpic, GapEffort.Of([], []));
    }
}

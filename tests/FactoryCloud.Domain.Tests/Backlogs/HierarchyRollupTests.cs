using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class HierarchyRollupTests
{
    private static readonly Guid Epic = Guid.NewGuid(), Feature1 = Guid.NewGuid(), Feature2 = Guid.NewGuid();
    private static readonly Guid S1 = Guid.NewGuid(), S2 = Guid.NewGuid(), S3 = Guid.NewGuid(), S4 = Guid.NewGuid();

    private static readonly HierarchyRollup.Item[] Items =
    [
        new(Epic, null, 40, ColumnCategory.InProgress), // own estimate replaced by its children's
        new(Feature1, Epic, 20, ColumnCategory.InProgress),
        new(Feature2, Epic, null, ColumnCategory.Proposed),
        new(S1, Feature1, 5, ColumnCategory.Done),
        new(S2, Feature1, 3, ColumnCategory.InProgress),
        new(S3, Feature2, 8, ColumnCategory.Proposed),
        new(S4, Feature2, 13, ColumnCategory.Removed), // cancelled: counts for nothing
    ];

    [Fact]
    public void RollsUpLeafPointsAndDonePointsToEveryAncestor()
    {
        var totals = HierarchyRollup.Compute(Items);

        Assert.Equal(new HierarchyRollup.Totals(8, 5, 2, 1), totals[Feature1]);
        Assert.Equal(new HierarchyRollup.Totals(8, 0, 1, 0), totals[Feature2]);
        Assert.Equal(new HierarchyRollup.Totals(16, 5, 3, 1), totals[Epic]);
        Assert.Equal(5.0 / 16, totals[Epic].Progress);
        Assert.Equal(1.0, totals[S1].Progress);
        Assert.Null(totals[S4].Progress);
    }

    [Fact]
    public void WithoutEstimatesProgressCountsItems()
    {
        var parent = Guid.NewGuid();
        var totals = HierarchyRollup.Compute(
        [
            new(parent, null, null, ColumnCategory.Proposed),
            new(Guid.NewGuid(), parent, null, ColumnCategory.Done),
            new(Guid.NewGuid(), parent, null, ColumnCategory.Proposed),
            new(Guid.NewGuid(), parent, null, ColumnCategory.Done),
            new(Guid.NewGuid(), parent, null, ColumnCategory.InProgress),
        ]);
        Assert.Equal(0.5, totals[parent].Progress);
    }
}

using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;

namespace FactoryCloud.Web.Tests.Backlogs.Board;

public sealed class DropPlacementTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    [Fact]
    public void DroppedAtTheTopGoesBeforeTheFirstOtherItem() =>
        Assert.Equal((null, (Guid?)A), DropPlacement.Neighbours([A, B, C, D], D, 0));

    [Fact]
    public void MovedDownItGoesAfterTheItemNowAboveIt() =>
        Assert.Equal(((Guid?)C, (Guid?)null), DropPlacement.Neighbours([A, B, C, D], A, 2));

    [Fact]
    public void MovedUpItGoesAfterTheItemAboveTheDropPoint() =>
        Assert.Equal(((Guid?)A, (Guid?)null), DropPlacement.Neighbours([A, B, C, D], D, 1));

    [Fact]
    public void DroppedIntoAnotherZoneTheIndexCountsThatZonesItems() =>
        Assert.Equal(((Guid?)B, (Guid?)null), DropPlacement.Neighbours([A, B], C, 2));

    [Fact]
    public void AnEmptyZoneHasNoNeighboursAndAnIndexPastTheEndIsTheEnd()
    {
        Assert.Equal(((Guid?)null, (Guid?)null), DropPlacement.Neighbours([], A, 0));
        Assert.Equal(((Guid?)B, (Guid?)null), DropPlacement.Neighbours([A, B], C, 99));
    }
}

using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class WipRuleTests
{
    [Theory]
    [InlineData(null, 10, WipMode.Strict, false, WipDecision.Allowed)]
    [InlineData(3, 2, WipMode.Strict, false, WipDecision.Allowed)]
    [InlineData(3, 3, WipMode.WarnAndConfirm, false, WipDecision.NeedsConfirmation)]
    [InlineData(3, 3, WipMode.WarnAndConfirm, true, WipDecision.Allowed)]
    [InlineData(3, 3, WipMode.Strict, false, WipDecision.Refused)]
    [InlineData(3, 3, WipMode.Strict, true, WipDecision.Refused)]
    [InlineData(0, 0, WipMode.WarnAndConfirm, false, WipDecision.NeedsConfirmation)]
    public void EnteringAColumnFollowsItsLimitAndTheProductsMode(int? limit, int inColumn, WipMode mode, bool confirmed, WipDecision expected) =>
        Assert.Equal(expected, WipRule.Check(limit, inColumn, mode, confirmed));

    [Fact]
    public void AMoveWithinTheSameColumnIsNeverChecked() =>
        Assert.Equal(WipDecision.Allowed, WipRule.Check(1, 5, WipMode.Strict, confirmed: false, sameColumn: true));

    [Theory]
    [InlineData(null, 100, false)]
    [InlineData(3, 3, false)]
    [InlineData(3, 4, true)]
    public void TheBoardShowsABreachOnlyAboveTheLimit(int? limit, int count, bool breached) =>
        Assert.Equal(breached, WipRule.IsBreached(limit, count));
}

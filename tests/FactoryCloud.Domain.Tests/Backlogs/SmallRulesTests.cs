using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class TagSetTests
{
    [Fact]
    public void NormalisesToSortedDistinctLowerCaseTokens()
    {
        var stored = TagSet.Normalize([" MES ", "api", "mes", "", "a|b"]);
        Assert.Equal("|ab|api|mes|", stored);
        Assert.Equal(["ab", "api", "mes"], TagSet.Parse(stored));
        Assert.Contains(TagSet.Token("MES"), stored, StringComparison.Ordinal);
        Assert.Equal("", TagSet.Normalize([]));
    }
}

public sealed class PointScaleTests
{
    [Fact]
    public void AnEstimateMustBeOnTheScale()
    {
        Assert.True(PointScale.Allows(PointScale.Fibonacci, 5));
        Assert.True(PointScale.Allows(PointScale.Fibonacci, null));
        Assert.False(PointScale.Allows(PointScale.Fibonacci, 4));
    }

    [Fact]
    public void AScaleMustBeAscendingAndNonNegative()
    {
        Assert.Null(PointScale.Problem([0.5, 1, 2, 4]));
        Assert.NotNull(PointScale.Problem([]));
        Assert.NotNull(PointScale.Problem([1, 1]));
        Assert.NotNull(PointScale.Problem([-1, 2]));
    }
}

public sealed class HypothesisOutcomeTests
{
    [Theory]
    [InlineData(0.05, 0.60, 0.66, true)]
    [InlineData(0.05, 0.60, 0.63, false)]
    [InlineData(-600, 3600, 2900, true)]
    [InlineData(-600, 3600, 3500, false)]
    public void DeliveredWhenTheKpiMovedAtLeastAsFarAsExpected(double expected, double baseline, double measured, bool delivered)
    {
        var result = HypothesisOutcome.Evaluate(expected, baseline, measured);
        Assert.Equal(delivered, result.Delivered);
        Assert.Equal(measured - baseline, result.ActualChange, 9);
    }

    [Theory]
    [InlineData(HypothesisKpi.Oee, 0.05, true)]
    [InlineData(HypothesisKpi.Oee, -0.05, false)]
    [InlineData(HypothesisKpi.Mttr, -300, true)]
    [InlineData(HypothesisKpi.ScrapRate, 0.01, false)]
    [InlineData(HypothesisKpi.EnergyPerUnit, 0, false)]
    public void AnExpectedChangeMustBeAnImprovement(HypothesisKpi kpi, double expected, bool valid) =>
        Assert.Equal(valid, HypothesisOutcome.Problem(kpi, expected, 14) is null);
}

public sealed class SprintCapacityTests
{
    [Fact]
    public void ComparesEachMembersCapacityWithTheirCommittedPoints()
    {
        var ana = Guid.NewGuid();
        var ben = Guid.NewGuid();
        var summary = SprintCapacity.Summarize([new(ana, 10), new(ben, 8)],
        [
            new(ana, 8, ColumnCategory.Proposed), new(ana, 5, ColumnCategory.InProgress),
            new(ben, 3, ColumnCategory.Proposed), new(ben, 13, ColumnCategory.Removed),
            new(null, 2, ColumnCategory.Proposed),
        ]);

        Assert.Equal(18, summary.Capacity);
        Assert.Equal(18, summary.Committed);
        Assert.False(summary.Overcommitted);
        Assert.True(summary.Members.Single(m => m.UserId == ana).Overloaded);
        Assert.False(summary.Members.Single(m => m.UserId == ben).Overloaded);
        Assert.Equal(2, summary.Members.Single(m => m.UserId is null).Committed);
    }

    [Fact]
    public void CarriesOverOnlyUnfinishedItems()
    {
        var (open, doing, done, cancelled) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal([open, doing], SprintCapacity.CarryOver(
            [(open, ColumnCategory.Proposed), (doing, ColumnCategory.InProgress), (done, ColumnCategory.Done), (cancelled, ColumnCategory.Removed)]));
    }
}

public sealed class WorkItemFieldsTests
{
    [Fact]
    public void DiffListsExactlyTheChangedFieldsWithOldAndNewValues()
    {
        var item = new WorkItem { Title = "Scrap alarm", Rank = "i", Estimate = 3 };
        var before = WorkItemFields.Capture(item);
        item.Title = "Scrap alarm on press 1";
        item.Estimate = 5;
        item.Rank = "k"; // not tracked

        var changes = WorkItemFields.Diff(before, WorkItemFields.Capture(item));

        Assert.Equal(
        [
            new WorkItemFields.Change(WorkItemFields.Title, "Scrap alarm", "Scrap alarm on press 1"),
            new WorkItemFields.Change(WorkItemFields.Estimate, "3", "5"),
        ], changes);
    }
}

public sealed class LinkKindsTests
{
    [Theory]
    [InlineData("machine", true)]
    [InlineData("maturity-dimension", true)]
    [InlineData("Machine", false)]
    [InlineData("", false)]
    [InlineData("x y", false)]
    public void KindsAreLowerCaseWordsWithDashes(string kind, bool valid) => Assert.Equal(valid, LinkKinds.IsValid(kind));
}

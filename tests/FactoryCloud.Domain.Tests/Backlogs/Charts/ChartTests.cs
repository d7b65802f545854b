using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Backlogs.Charts;
using Xunit;
using static FactoryCloud.Domain.Tests.Backlogs.Charts.SprintFixture;

namespace FactoryCloud.Domain.Tests.Backlogs.Charts;

public sealed class BurndownTests
{
    [Fact]
    public void RemainingPointsAtEachDaysEndFromHistoryAgainstTheIdealLine()
    {
        var days = Burndown.Compute(SprintId, Start, End, CommittedAt, Items, Map, now: At(10, 0));

        Assert.Equal([16.0, 13, 13, 10, 8], days.Select(d => d.Remaining));
        Assert.Equal([13.6, 10.2, 6.8, 3.4, 0], days.Select(d => Math.Round(d.Ideal, 6)));
        Assert.Equal(Start, days[0].Date);
        Assert.Equal(End, days[^1].Date);
    }

    [Fact]
    public void DaysNotYetEndedHaveNoRemainingButTodayShowsProgressSoFar()
    {
        var days = Burndown.Compute(SprintId, Start, End, CommittedAt, Items, Map, now: At(5, 12));

        Assert.Equal([16.0, 13, 13, 10, null], days.Select(d => d.Remaining));
    }
}

public sealed class VelocityTests
{
    [Fact]
    public void CommittedAtTheStartAgainstCompletedAtTheEndForTheLastNSprints()
    {
        var earlier = new Velocity.SprintWindow(Guid.NewGuid(), "Sprint 0", At(1, 0).AddDays(-14), At(1, 0).AddDays(-1));
        var sprint = new Velocity.SprintWindow(SprintId, "Sprint 1", CommittedAt, Burndown.EndOf(End));

        var all = Velocity.Compute([sprint, earlier], Items, Map, lastN: 5);
        var last = Velocity.Compute([sprint, earlier], Items, Map, lastN: 1);

        Assert.Equal(["Sprint 0", "Sprint 1"], all.Sprints.Select(s => s.Name));
        Assert.Equal(new Velocity.Bar(SprintId, "Sprint 1", Committed: 17, Completed: 10), all.Sprints[1]);
        Assert.Equal(5, all.AverageCompleted);
        Assert.Equal(10, Assert.Single(last.Sprints).Completed);
    }
}

public sealed class CumulativeFlowTests
{
    [Fact]
    public void CountsItemsPerCategoryAtEachDaysEnd()
    {
        var days = CumulativeFlow.ByCategory(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3), Items, Map);

        Assert.Equal([4, 0, 0, 0], Counts(days[0]));
        Assert.Equal([2, 1, 0, 1], Counts(days[1]));
        Assert.Equal([3, 0, 1, 1], Counts(days[2]));

        static int[] Counts(CumulativeFlow.Day day) => Enum.GetNames<ColumnCategory>().Select(c => day.Counts[c]).ToArray();
    }

    [Fact]
    public void CountsItemsPerColumnWithEveryColumnPresent()
    {
        var day = Assert.Single(CumulativeFlow.ByColumn(new DateOnly(2026, 11, 6), new DateOnly(2026, 11, 6), Items, Columns));

        Assert.Equal([1, 0, 3, 1], Columns.Select(c => day.Counts[c.Id.ToString("D")]));
    }
}

public sealed class FlowTimesTests
{
    [Fact]
    public void LeadTimeFromCreationAndCycleTimeFromFirstInProgressToDone()
    {
        var points = FlowTimes.Compute(Items, Map, since: DateTimeOffset.MinValue, asOf: At(10, 0));

        Assert.Equal([A, B, D], points.Select(p => p.ItemId));
        Assert.Equal(new FlowTimes.Point(A, At(3, 15), TimeSpan.FromHours(53), TimeSpan.FromHours(30)), points[0]);
        Assert.Equal(new FlowTimes.Point(B, At(5, 10), TimeSpan.FromDays(4), TimeSpan.FromHours(25)), points[1]);
        Assert.Equal(new FlowTimes.Point(D, At(6, 10), TimeSpan.FromHours(73), null), points[2]);
    }

    [Fact]
    public void LeavesOutItemsDoneBeforeTheWindowOrAfterTheDate()
    {
        Assert.Equal([B, D], FlowTimes.Compute(Items, Map, since: At(4, 0), asOf: At(10, 0)).Select(p => p.ItemId));
        Assert.Equal([A], FlowTimes.Compute(Items, Map, since: DateTimeOffset.MinValue, asOf: At(4, 0)).Select(p => p.ItemId));
    }

    [Fact]
    public void ADeletedItemDisappearsFromTimelines()
    {
        var id = Guid.NewGuid();
        var timeline = ItemTimeline.FromHistory(id,
        [
            new() { WorkItemId = id, At = At(1, 0), Field = WorkItemFields.Created },
            new() { WorkItemId = id, At = At(2, 0), Field = WorkItemFields.Deleted },
        ]);
        Assert.NotNull(timeline.At(At(1, 12)));
        Assert.Null(timeline.At(At(2, 12)));
        Assert.Null(timeline.At(At(1, 0).AddTicks(-1)));
    }
}

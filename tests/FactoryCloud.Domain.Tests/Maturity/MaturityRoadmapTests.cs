using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class MaturityRoadmapTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void GapsAreOrderedByTargetDateWithUndatedGapsLast()
    {
        var score = MaturityScoring.Score(Model(),
        [
            Answer("strategy", 1, 5), // highest priority, but no date
            Answer("connectivity", 2, 3, new DateOnly(2027, 9, 30)),
            Answer("energy", 1, 2, new DateOnly(2027, 2, 1)),
        ]);

        var roadmap = MaturityRoadmap.Build(score, Today);

        Assert.Equal(["energy", "connectivity", "strategy"], roadmap.Select(r => r.Gap.Dimension.Key));
        Assert.Equal(["2027 Q1", "2027 Q3", MaturityRoadmap.Unscheduled], roadmap.Select(r => r.Period));
    }

    [Fact]
    public void GapsDueTheSameDayFollowTheirPriority()
    {
        var due = new DateOnly(2027, 6, 30);
        var score = MaturityScoring.Score(Model(), [Answer("connectivity", 1, 2, due), Answer("strategy", 1, 2, due)]);

        Assert.Equal(["strategy", "connectivity"], MaturityRoadmap.Build(score, Today).Select(r => r.Gap.Dimension.Key));
    }

    [Fact]
    public void APastTargetDateIsOverdue()
    {
        var score = MaturityScoring.Score(Model(), [Answer("energy", 1, 3, new DateOnly(2026, 10, 1)), Answer("strategy", 1, 2, Today)]);

        var roadmap = MaturityRoadmap.Build(score, Today);

        Assert.True(roadmap.Single(r => r.Gap.Dimension.Key == "energy").Overdue);
        Assert.False(roadmap.Single(r => r.Gap.Dimension.Key == "strategy").Overdue);
    }
}

using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class MaturityComparisonTests
{
    [Fact]
    public void EachDimensionShowsEveryAssessmentsStageTheSpreadAndTheLeader()
    {
        var north = MaturityScoring.Score(Model(), [Answer("strategy", 2), Answer("connectivity", 4)]);
        var south = MaturityScoring.Score(Model(), [Answer("strategy", 3), Answer("connectivity", 1)]);

        var rows = MaturityComparison.Compare([new("North", north), new("South", south)]);

        Assert.Equal(["strategy", "connectivity", "energy"], rows.Select(r => r.Key));
        var connectivity = rows.Single(r => r.Key == "connectivity");
        Assert.Equal([MaturityStage.Advanced, MaturityStage.AdHoc], connectivity.Stages);
        Assert.Equal(3, connectivity.Spread);
        Assert.Equal([0], connectivity.Leaders);
        Assert.Equal([1], rows.Single(r => r.Key == "strategy").Leaders);
        var energy = rows.Single(r => r.Key == "energy");
        Assert.Equal(0, energy.Spread);
        Assert.Empty(energy.Leaders);
    }

    [Fact]
    public void AssessmentsOnDifferentModelVersionsCompareOnTheUnionOfDimensions()
    {
        var edited = Model();
        edited.Dimensions.Add(Dimension("skills", "Skills", DimensionGroup.Organisation, 1));
        var older = MaturityScoring.Score(Model(), [Answer("strategy", 2)]);
        var newer = MaturityScoring.Score(edited, [Answer("strategy", 2), Answer("skills", 3)]);

        var rows = MaturityComparison.Compare([new("2025", older), new("2026", newer)]);

        Assert.Equal([null, MaturityStage.Established], rows.Single(r => r.Key == "skills").Stages);
        Assert.Equal([0, 1], rows.Single(r => r.Key == "strategy").Leaders);
    }
}

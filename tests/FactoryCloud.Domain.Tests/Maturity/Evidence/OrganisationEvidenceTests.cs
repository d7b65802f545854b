using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class OrganisationEvidenceTests
{
    private static readonly double[] Steady = [20, 20, 20];

    private static EvidenceResult Evaluate(int crossFunctional, double? lead = 10, double? cycle = 3, int withinLimit = 20, double[]? throughputs = null, int teams = 4) =>
        OrganisationEvidence.Rule.Evaluate(new EvidenceFacts(Organisation: new OrganisationFacts(teams, crossFunctional, lead is { } l ? [l] : [], cycle is { } c ? [c] : [], 20, withinLimit, [throughputs ?? Steady])))!;

    [Theory]
    [InlineData(0, MaturityStage.AdHoc)]
    [InlineData(1, MaturityStage.Developing)] // 25 %
    [InlineData(2, MaturityStage.Established)] // 50 %
    [InlineData(3, MaturityStage.Advanced)] // 75 %
    [InlineData(4, MaturityStage.Optimized)]
    public void TheStageFollowsTheShareOfCrossFunctionalTeams(int crossFunctional, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(crossFunctional).Stage);

    [Theory]
    [InlineData(14.0, MaturityStage.Advanced)]
    [InlineData(14.1, MaturityStage.Developing)]
    [InlineData(5.0, MaturityStage.Optimized)]
    [InlineData(5.1, MaturityStage.Advanced)]
    public void CycleTimeGatesEstablishedAndOptimized(double cycle, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(4, cycle: cycle).Stage);

    [Theory]
    [InlineData(30.0, MaturityStage.Optimized)]
    [InlineData(30.1, MaturityStage.Established)]
    public void AdvancedNeedsALeadTimeOfAMonthAtMost(double lead, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(4, lead: lead).Stage);

    [Theory]
    [InlineData(10, MaturityStage.Established)] // 50 % of limited columns within the limit
    [InlineData(9, MaturityStage.Developing)]
    [InlineData(16, MaturityStage.Advanced)] // 80 %
    [InlineData(19, MaturityStage.Optimized)] // 95 %
    public void WipDisciplineGatesEachStage(int withinLimit, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(4, withinLimit: withinLimit).Stage);

    [Theory]
    [InlineData(new double[] { 10, 30 }, MaturityStage.Advanced)] // variation exactly 0.5
    [InlineData(new double[] { 9, 31 }, MaturityStage.Established)]
    [InlineData(new double[] { 15, 25 }, MaturityStage.Optimized)] // exactly 0.25
    [InlineData(new double[] { 20 }, MaturityStage.Established)] // one sprint: no variation yet
    public void ThroughputStabilityGatesTheTopStages(double[] throughputs, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(4, throughputs: throughputs).Stage);

    [Fact]
    public void StabilityIsTheMeanVariationOfProductsWithTwoSprintsOrMore()
    {
        var facts = new OrganisationFacts(1, 1, [1], [1], 1, 1, [[10, 30], [15, 25], [40]]); // 0.5 and 0.25
        var result = OrganisationEvidence.Rule.Evaluate(new EvidenceFacts(Organisation: facts))!;

        Assert.Equal(0.375, result.Figures.Single(f => f.Key == OrganisationEvidence.Stability).Value!.Value, 9);
    }

    [Fact]
    public void FlowTimesAreMedians()
    {
        var facts = new OrganisationFacts(1, 1, [1, 9, 3, 40], [2, 8, 4], 0, 0, []);
        var figures = OrganisationEvidence.Rule.Evaluate(new EvidenceFacts(Organisation: facts))!.Figures;

        Assert.Equal(6, figures.Single(f => f.Key == OrganisationEvidence.LeadTime).Value);
        Assert.Equal(4, figures.Single(f => f.Key == OrganisationEvidence.CycleTime).Value);
        Assert.Null(figures.Single(f => f.Key == OrganisationEvidence.WipDiscipline).Value);
    }

    [Fact]
    public void NoTeamIsNotStarted() => Assert.Equal(MaturityStage.NotStarted, Evaluate(0, teams: 0).Stage);
}

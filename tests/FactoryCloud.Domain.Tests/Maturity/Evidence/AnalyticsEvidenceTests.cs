using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class AnalyticsEvidenceTests
{
    private static EvidenceResult Evaluate(double coded, int rules = 3, double[]? acknowledge = null, int paretoWork = 1, int machines = 5, double downtime = 1000) =>
        AnalyticsEvidence.Rule.Evaluate(new EvidenceFacts(Analytics: new AnalyticsFacts(machines, downtime, coded * downtime, rules, acknowledge ?? [10, 20, 30], paretoWork)))!;

    [Theory]
    [InlineData(0.249, MaturityStage.AdHoc)]
    [InlineData(0.25, MaturityStage.Developing)]
    [InlineData(0.599, MaturityStage.Developing)]
    [InlineData(0.60, MaturityStage.Established)]
    [InlineData(0.799, MaturityStage.Established)]
    [InlineData(0.80, MaturityStage.Advanced)]
    [InlineData(1.0, MaturityStage.Advanced)]
    public void TheStageFollowsTheShareOfDowntimeWithAReasonAndStopsAtAdvanced(double coded, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(coded).Stage);

    [Theory]
    [InlineData(0, 1.0, MaturityStage.Developing)]
    [InlineData(1, 1.0, MaturityStage.Established)]
    [InlineData(2, 1.0, MaturityStage.Established)]
    [InlineData(3, 1.0, MaturityStage.Advanced)]
    public void AlertRulesInUseAreNeededForEstablishedAndAdvanced(int rules, double coded, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(coded, rules).Stage);

    [Theory]
    [InlineData(new double[] { 10, 30, 50 }, MaturityStage.Advanced)] // median exactly 30 minutes
    [InlineData(new double[] { 10, 31, 50 }, MaturityStage.Established)]
    [InlineData(new double[] { 20, 40 }, MaturityStage.Advanced)] // median of two: 30
    [InlineData(new double[0], MaturityStage.Established)] // nothing acknowledged: no median
    public void AdvancedNeedsAlertsAcknowledgedWithinHalfAnHour(double[] minutes, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(0.9, acknowledge: minutes).Stage);

    [Fact]
    public void AdvancedNeedsAParetoReasonTurnedIntoWork() =>
        Assert.Equal(MaturityStage.Established, Evaluate(0.9, paretoWork: 0).Stage);

    [Fact]
    public void NoDowntimeGivesNoShareAndNoMachineIsNotStarted()
    {
        Assert.Equal("no data", Evaluate(0, downtime: 0).Figures.Single(f => f.Key == AnalyticsEvidence.ReasonCoded).Display);
        Assert.Equal(MaturityStage.AdHoc, Evaluate(0, downtime: 0).Stage);
        Assert.Equal(MaturityStage.NotStarted, Evaluate(0.9, machines: 0).Stage);
    }
}

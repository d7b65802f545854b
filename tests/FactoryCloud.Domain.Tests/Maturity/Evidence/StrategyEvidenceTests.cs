using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class StrategyEvidenceTests
{
    private static EvidenceResult Evaluate(int dated, int withEpics = 10, int measured = 10, int targets = 20, int gaps = 10, int done = 10) =>
        StrategyEvidence.Rule.Evaluate(new EvidenceFacts(Strategy: new StrategyFacts(targets, dated, gaps, withEpics, done, measured)))!;

    [Theory]
    [InlineData(9, MaturityStage.AdHoc)]
    [InlineData(10, MaturityStage.Developing)] // 50 %
    [InlineData(15, MaturityStage.Developing)]
    [InlineData(16, MaturityStage.Established)] // 80 %
    [InlineData(18, MaturityStage.Established)]
    [InlineData(19, MaturityStage.Optimized)] // 95 %
    public void TheStageFollowsTheShareOfTargetsWithADate(int dated, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(dated).Stage);

    [Theory]
    [InlineData(2, MaturityStage.Developing)]
    [InlineData(3, MaturityStage.Established)] // 30 % ≥ 25 %
    [InlineData(6, MaturityStage.Advanced)] // 60 %
    [InlineData(9, MaturityStage.Optimized)] // 90 %
    public void GapsWithEpicsGateEstablishedAndUp(int withEpics, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(20, withEpics: withEpics).Stage);

    [Theory]
    [InlineData(2, MaturityStage.Established)]
    [InlineData(3, MaturityStage.Advanced)] // 30 % ≥ 25 %
    [InlineData(5, MaturityStage.Advanced)]
    [InlineData(6, MaturityStage.Optimized)] // 60 %
    public void MeasuredHypothesesGateTheTopStages(int measured, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(20, measured: measured).Stage);

    [Fact]
    public void NoTargetIsNotStartedAndNoDoneWorkHasNoShare()
    {
        Assert.Equal(MaturityStage.NotStarted, Evaluate(0, targets: 0).Stage);
        Assert.Equal(MaturityStage.Established, Evaluate(20, done: 0, measured: 0).Stage);
    }
}

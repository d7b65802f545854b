using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class ConnectivityEvidenceTests
{
    private static EvidenceResult Evaluate(int onboarded, int online, long accepted = 100_000, long refused = 0, double? completeness = 1.0) =>
        ConnectivityEvidence.Rule.Evaluate(new EvidenceFacts(Connectivity: new ConnectivityFacts(onboarded, online, accepted, refused, completeness)))!;

    [Theory]
    [InlineData(100, 0, MaturityStage.AdHoc)]
    [InlineData(100, 24, MaturityStage.AdHoc)]
    [InlineData(100, 25, MaturityStage.Developing)]
    [InlineData(100, 59, MaturityStage.Developing)]
    [InlineData(100, 60, MaturityStage.Established)]
    [InlineData(100, 89, MaturityStage.Established)]
    [InlineData(100, 90, MaturityStage.Advanced)]
    [InlineData(100, 97, MaturityStage.Advanced)]
    [InlineData(100, 98, MaturityStage.Optimized)]
    public void TheStageFollowsTheShareOfMachinesStreaming(int onboarded, int online, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(onboarded, online).Stage);

    [Fact]
    public void TheFiguresAreMachinesOnlineTheShareStreamingAndTheRefusedRate()
    {
        var result = Evaluate(8, 6, accepted: 990, refused: 10, completeness: 0.5);

        Assert.Equal([6, 0.75, 0.01, 0.5], result.Figures.Select(f => f.Value!.Value));
        Assert.Equal(["6", "75 %", "1 %", "50 %"], result.Figures.Select(f => f.Display));
    }

    [Fact]
    public void NoMachineOnboardedIsNotStarted()
    {
        var result = Evaluate(0, 0, accepted: 0, completeness: null);

        Assert.Equal(MaturityStage.NotStarted, result.Stage);
        Assert.Equal("No machine is onboarded.", result.Reasons.Single());
        Assert.Equal("no data", result.Figures.Single(f => f.Key == ConnectivityEvidence.Streaming).Display);
    }

    [Theory]
    [InlineData(99_000, 1_000, MaturityStage.Advanced)] // exactly 1 %
    [InlineData(98_999, 1_001, MaturityStage.Established)]
    public void AdvancedNeedsAtMostOnePercentRefused(long accepted, long refused, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(100, 95, accepted, refused).Stage);

    [Theory]
    [InlineData(99_900, 100, 0.95, MaturityStage.Optimized)] // 0.1 % refused, 95 % complete
    [InlineData(99_899, 101, 0.95, MaturityStage.Advanced)]
    [InlineData(100_000, 0, 0.949, MaturityStage.Advanced)]
    [InlineData(100_000, 0, null, MaturityStage.Advanced)]
    public void OptimizedNeedsFewRefusalsAndCompleteData(long accepted, long refused, double? completeness, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(100, 100, accepted, refused, completeness).Stage);

    [Fact]
    public void TheReasonNamesTheUnmetRequirementWithTheMeasuredValue()
    {
        var result = Evaluate(100, 100, completeness: 0.9);

        Assert.Contains("5 Optimized needs data completeness ≥ 95 % (now 90 %).", result.Reasons);
    }
}

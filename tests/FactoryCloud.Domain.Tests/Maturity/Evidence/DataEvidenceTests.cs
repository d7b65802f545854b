using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class DataEvidenceTests
{
    private static EvidenceResult Evaluate(double? completeness, int allChannels = 10, int lines = 2, int linesWithOee = 2, long refused = 0, int machines = 10) =>
        DataEvidence.Rule.Evaluate(new EvidenceFacts(Data: new DataFacts(machines, completeness, allChannels, lines, linesWithOee, 100_000 - refused, refused)))!;

    [Theory]
    [InlineData(0.0, MaturityStage.AdHoc)]
    [InlineData(0.249, MaturityStage.AdHoc)]
    [InlineData(0.25, MaturityStage.Developing)]
    [InlineData(0.599, MaturityStage.Developing)]
    [InlineData(0.60, MaturityStage.Established)]
    [InlineData(0.899, MaturityStage.Established)]
    [InlineData(0.90, MaturityStage.Advanced)]
    [InlineData(1.0, MaturityStage.Advanced)]
    public void TheStageFollowsDataCompletenessAndStopsAtAdvanced(double completeness, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(completeness).Stage);

    [Fact]
    public void EstablishedNeedsOeeOnEveryLine()
    {
        var result = Evaluate(0.99, lines: 3, linesWithOee: 2);

        Assert.Equal(MaturityStage.Developing, result.Stage);
        Assert.Contains("3 Established needs lines with OEE ≥ 100 % (now 66.7 %).", result.Reasons);
    }

    [Theory]
    [InlineData(5, 0, MaturityStage.Advanced)] // half the machines send all three channels, no refusals
    [InlineData(4, 0, MaturityStage.Established)]
    [InlineData(10, 1_000, MaturityStage.Advanced)] // exactly 1 % refused
    [InlineData(10, 1_001, MaturityStage.Established)]
    public void AdvancedNeedsAllThreeChannelsOnHalfTheMachinesAndFewRefusals(int allChannels, long refused, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(0.95, allChannels: allChannels, refused: refused).Stage);

    [Fact]
    public void AdvancedSaysWhyOptimizedIsNotSuggested() =>
        Assert.Contains(Evaluate(1.0).Reasons, r => r.Contains("MES/ERP integration"));

    [Fact]
    public void NoMachineOrNoPlannedTimeIsNotStarted()
    {
        Assert.Equal(MaturityStage.NotStarted, Evaluate(null).Stage);
        Assert.Equal(MaturityStage.NotStarted, Evaluate(0.5, machines: 0).Stage);
    }
}

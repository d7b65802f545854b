using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class EnergyEvidenceTests
{
    private static EvidenceResult Evaluate(int metering, double? perUnit = 2.0, double? before = 2.2, int machines = 100) =>
        EnergyEvidence.Rule.Evaluate(new EvidenceFacts(Energy: new EnergyFacts(machines, metering, perUnit, before)))!;

    [Theory]
    [InlineData(0, MaturityStage.NotStarted)]
    [InlineData(24, MaturityStage.AdHoc)]
    [InlineData(25, MaturityStage.Developing)]
    [InlineData(59, MaturityStage.Developing)]
    [InlineData(60, MaturityStage.Established)]
    [InlineData(89, MaturityStage.Established)]
    [InlineData(90, MaturityStage.Advanced)]
    [InlineData(97, MaturityStage.Advanced)]
    [InlineData(98, MaturityStage.Optimized)]
    public void TheStageFollowsTheShareOfMachinesMeteringEnergy(int metering, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(metering).Stage);

    [Fact]
    public void EstablishedNeedsEnergyPerUnit() =>
        Assert.Equal(MaturityStage.Developing, Evaluate(100, perUnit: null).Stage);

    [Theory]
    [InlineData(2.0, 2.0, MaturityStage.Advanced)] // flat
    [InlineData(2.01, 2.0, MaturityStage.Established)] // rising
    [InlineData(1.9, 2.0, MaturityStage.Optimized)] // exactly 5 % less
    [InlineData(1.91, 2.0, MaturityStage.Advanced)]
    [InlineData(2.0, null, MaturityStage.Established)] // no trend without the window before
    public void TheTrendOfEnergyPerUnitDecidesTheTopStages(double perUnit, double? before, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(100, perUnit, before).Stage);

    [Fact]
    public void TheTrendIsShownAsASignedChange() =>
        Assert.Equal("-5 %", Evaluate(100, 1.9, 2.0).Figures.Single(f => f.Key == EnergyEvidence.Trend).Display);
}

using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class AutomationEvidenceTests
{
    private static EvidenceResult Evaluate(double? availability, double? performance = 0.99, double? availabilityBefore = 0, double? performanceBefore = 0) =>
        AutomationEvidence.Rule.Evaluate(new EvidenceFacts(Automation: new AutomationFacts(availability, performance, availabilityBefore, performanceBefore)))!;

    [Theory]
    [InlineData(0.499, MaturityStage.AdHoc)]
    [InlineData(0.50, MaturityStage.Developing)]
    [InlineData(0.699, MaturityStage.Developing)]
    [InlineData(0.70, MaturityStage.Established)]
    [InlineData(0.849, MaturityStage.Established)]
    [InlineData(0.85, MaturityStage.Advanced)]
    [InlineData(0.899, MaturityStage.Advanced)]
    [InlineData(0.90, MaturityStage.Optimized)]
    public void TheStageFollowsAvailability(double availability, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(availability).Stage);

    [Theory]
    [InlineData(0.699, MaturityStage.Developing)]
    [InlineData(0.70, MaturityStage.Established)]
    [InlineData(0.85, MaturityStage.Advanced)]
    [InlineData(0.949, MaturityStage.Advanced)]
    [InlineData(0.95, MaturityStage.Optimized)]
    public void PerformanceGatesEstablishedAndUp(double performance, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(0.95, performance).Stage);

    [Theory]
    [InlineData(0.95, 0.95, MaturityStage.Optimized)] // flat
    [InlineData(0.95, 0.96, MaturityStage.Advanced)] // one point down is tolerated at Advanced
    [InlineData(0.95, 0.9601, MaturityStage.Established)]
    [InlineData(0.95, null, MaturityStage.Established)] // no window before: no trend
    public void AFallingAvailabilityHoldsTheTopStages(double now, double? before, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(now, 0.99, before, 0.5).Stage);

    [Fact]
    public void UnknownAvailabilityIsNotStarted() => Assert.Equal(MaturityStage.NotStarted, Evaluate(null).Stage);
}

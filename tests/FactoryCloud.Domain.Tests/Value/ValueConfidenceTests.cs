using FactoryCloud.Domain.Value;
using Xunit;

namespace FactoryCloud.Domain.Tests.Value;

public class ValueConfidenceTests
{
    [Theory]
    [InlineData(0.9, 0.95, 0, ConfidenceLevel.High)]
    [InlineData(0.89, 0.95, 0, ConfidenceLevel.Medium)]
    [InlineData(0.95, 0.95, 1, ConfidenceLevel.Medium)]
    [InlineData(0.7, 0.7, 1, ConfidenceLevel.Medium)]
    [InlineData(0.69, 0.95, 0, ConfidenceLevel.Low)]
    [InlineData(0.95, 0.95, 2, ConfidenceLevel.Low)]
    [InlineData(null, 0.95, 0, ConfidenceLevel.Low)]
    public void TheWeakerWindowAndOverlappingWorkDecide(double? baseline, double? measured, int overlapping, ConfidenceLevel expected) =>
        Assert.Equal(expected, ValueConfidence.Assess(baseline, measured, overlapping).Level);

    [Fact]
    public void TheReasonsNameTheCompletenessAndTheOverlap()
    {
        var confidence = ValueConfidence.Assess(0.8, null, 2);

        Assert.Equal("Data completeness: baseline 80 %, measured no data.", confidence.Reasons[0]);
        Assert.StartsWith("2 other work item(s) changed the same machines", confidence.Reasons[1]);
    }

    [Fact]
    public void OnlyOtherItemsOnTheSameMachinesInTheSamePeriodOverlap()
    {
        var (m1, m2) = (Guid.NewGuid(), Guid.NewGuid());
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var item = new ValueOverlap.Period(Guid.NewGuid(), new HashSet<Guid> { m1 }, t0, t0.AddDays(28));
        ValueOverlap.Period[] others =
        [
            item, // itself
            new(Guid.NewGuid(), new HashSet<Guid> { m1, m2 }, t0.AddDays(20), t0.AddDays(40)), // overlaps
            new(Guid.NewGuid(), new HashSet<Guid> { m2 }, t0, t0.AddDays(28)), // other machine
            new(Guid.NewGuid(), new HashSet<Guid> { m1 }, t0.AddDays(28), t0.AddDays(40)), // starts when this one ends
            new(Guid.NewGuid(), new HashSet<Guid> { m1 }, t0.AddDays(-10), t0.AddDays(1)), // overlaps at the start
        ];

        Assert.Equal(2, ValueOverlap.Count(item, others));
    }
}

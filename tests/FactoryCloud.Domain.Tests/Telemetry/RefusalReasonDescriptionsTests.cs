using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class RefusalReasonDescriptionsTests
{
    [Fact]
    public void DescribesEveryReasonDistinctly()
    {
        var reasons = Enum.GetValues<RefusalReason>();
        var descriptions = reasons.Select(r => r.Describe()).ToList();

        Assert.All(descriptions, d => Assert.NotEqual("Unknown refusal reason.", d));
        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
    }

    [Fact]
    public void DescribesUndefinedValueWithoutThrowing() =>
        Assert.Equal("Unknown refusal reason.", ((RefusalReason)999).Describe());

    [Fact]
    public void KeepsStoredNumbersStable()
    {
        Assert.Equal(0, (int)RefusalReason.None);
        Assert.Equal(1, (int)RefusalReason.TopicMalformed);
        Assert.Equal(7, (int)RefusalReason.DuplicateProperty);
        Assert.Equal(22, (int)RefusalReason.NegativeIncrement);
        Assert.Equal(24, (int)RefusalReason.UnknownMachine);
        Assert.Equal(25, (int)RefusalReason.PacketTooLarge);
        Assert.Equal(26, (int)RefusalReason.TooManyConnections);
        Assert.Equal(27, (int)RefusalReason.RateLimited);
        Assert.Equal(28, (int)RefusalReason.MessageQuotaExceeded);
        Assert.Equal(29, (int)RefusalReason.StorageQuotaExceeded);
        Assert.Equal(30, Enum.GetValues<RefusalReason>().Length);
    }
}

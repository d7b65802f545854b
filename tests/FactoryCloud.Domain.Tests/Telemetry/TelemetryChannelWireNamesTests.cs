using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class TelemetryChannelWireNamesTests
{
    [Theory]
    [InlineData(TelemetryChannel.State, "state")]
    [InlineData(TelemetryChannel.Count, "count")]
    [InlineData(TelemetryChannel.Measure, "measure")]
    public void RoundTripsWireName(TelemetryChannel channel, string wireName)
    {
        Assert.Equal(wireName, channel.ToWireName());
        Assert.True(TelemetryChannelWireNames.TryParse(wireName, out var parsed));
        Assert.Equal(channel, parsed);
    }

    [Theory]
    [InlineData("State")]
    [InlineData("")]
    [InlineData("measures")]
    public void RefusesOtherNames(string wireName) => Assert.False(TelemetryChannelWireNames.TryParse(wireName, out _));

    [Fact]
    public void ThrowsForUndefinedChannel() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((TelemetryChannel)7).ToWireName());
}

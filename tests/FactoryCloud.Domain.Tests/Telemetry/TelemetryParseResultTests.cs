using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class TelemetryParseResultTests
{
    private static readonly StateReading Reading = new(DateTimeOffset.UnixEpoch, null, MachineState.Idle, null);

    [Fact]
    public void AcceptedCarriesReadingAndNoReason()
    {
        var result = TelemetryParseResult.Accepted(Reading);

        Assert.True(result.IsAccepted);
        Assert.Same(Reading, result.Reading);
        Assert.Equal(RefusalReason.None, result.Reason);
        Assert.Equal("", result.Detail);
    }

    [Fact]
    public void RefusedCarriesReasonAndDetail()
    {
        var result = TelemetryParseResult.Refused(RefusalReason.InvalidCount, "'good' is negative");

        Assert.False(result.IsAccepted);
        Assert.Null(result.Reading);
        Assert.Equal(RefusalReason.InvalidCount, result.Reason);
        Assert.Equal("'good' is negative", result.Detail);
        Assert.Equal("Refused InvalidCount: 'good' is negative", result.ToString());
    }

    [Fact]
    public void RefusalNeedsAReason()
    {
        Assert.Throws<ArgumentException>(() => TelemetryParseResult.Refused(RefusalReason.None, "x"));
        Assert.Throws<ArgumentNullException>(() => TelemetryParseResult.Accepted(null!));
    }
}

using System.Text;

using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2025-03-01T11:59:00Z", "2025-03-01T11:59:00.0000000+00:00")]
    [InlineData("2025-03-01t11:59:00z", "2025-03-01T11:59:00.0000000+00:00")]
    [InlineData("2025-03-01T12:59:00+01:00", "2025-03-01T11:59:00.0000000+00:00")]
    [InlineData("2025-03-01T06:29:00-05:30", "2025-03-01T11:59:00.0000000+00:00")]
    [InlineData("2025-03-01T11:59:00-00:00", "2025-03-01T11:59:00.0000000+00:00")]
    [InlineData("2025-03-01T11:59:00.5Z", "2025-03-01T11:59:00.5000000+00:00")]
    [InlineData("2025-03-01T11:59:00.123456789Z", "2025-03-01T11:59:00.1234567+00:00")]
    [InlineData("2025-03-02T00:30:00+23:59", "2025-03-01T00:31:00.0000000+00:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000+00:00")]
    [InlineData("2025-12-31T23:59:59Z", "2025-12-31T23:59:59.0000000+00:00")]
    [InlineData("2025-03-01T11:59:00.1234567890123456789012345678901234567890123Z", "2025-03-01T11:59:00.1234567+00:00")] // 64 bytes
    public void ParsesToUtc(string text, string expectedRoundTrip)
    {
        Assert.True(Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var value));

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expectedRoundTrip, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ClampsYearsOutsideDateTimeOffset()
    {
        Assert.True(Rfc3339Timestamp.TryParse("0000-02-29T00:00:00Z"u8, out var min));
        Assert.True(Rfc3339Timestamp.TryParse("9999-12-31T23:59:59-12:00"u8, out var max));

        Assert.Equal(DateTimeOffset.MinValue, min);
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, max.UtcTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-03-01T11:59:00")] // no offset
    [InlineData("2025-03-01T11:59:00.5")] // no offset
    [InlineData("2025-03-01")]
    [InlineData("2025-03-01 11:59:00Z")]
    [InlineData("2025-03-01T11:59Z")]
    [InlineData("2025-3-01T11:59:00Z")]
    [InlineData("25-03-01T11:59:00Z")]
    [InlineData("2025-03-01T11:59:00.Z")]
    [InlineData("2025-03-01T11:59:00+0100")]
    [InlineData("2025-03-01T11:59:00+01")]
    [InlineData("2025-03-01T11:59:00+24:00")]
    [InlineData("2025-03-01T11:59:00+01:60")]
    [InlineData("2025-03-01T11:59:00Z ")]
    [InlineData(" 2025-03-01T11:59:00Z")]
    [InlineData("2025-03-01T11:59:00ZZ")]
    [InlineData("2025-13-01T11:59:00Z")]
    [InlineData("2025-00-01T11:59:00Z")]
    [InlineData("2025-02-29T11:59:00Z")]
    [InlineData("2025-04-31T11:59:00Z")]
    [InlineData("2025-03-00T11:59:00Z")]
    [InlineData("2025-03-01T24:00:00Z")]
    [InlineData("2025-03-01T11:60:00Z")]
    [InlineData("2016-12-31T23:59:60Z")] // leap second
    [InlineData("+2025-03-01T11:59:00Z")]
    [InlineData("２０２５-03-01T11:59:00Z")]
    [InlineData("2025-03-01T11:59:00.12345678901234567890123456789012345678901234Z")] // longer than 64 bytes
    public void RefusesAnythingElse(string text)
    {
        Assert.False(Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }
}

using System.Text;

using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class TelemetryDedupKeyTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"ts": "2025-03-01T11:59:00Z", "good": 1}""");

    [Fact]
    public void UsesDeviceAndSequenceWhenSequencePresent()
    {
        Assert.Equal("press-7:17", TelemetryDedupKey.For("press-7", TelemetryChannel.State, 17, Payload));
        Assert.Equal("0191b4c2-7e1f-7a00-9c3e-5a0f1b2c3d4e:18446744073709551615",
            TelemetryDedupKey.For("0191b4c2-7e1f-7a00-9c3e-5a0f1b2c3d4e", TelemetryChannel.Count, ulong.MaxValue, Payload));
    }

    [Fact]
    public void IgnoresChannelAndPayloadWhenSequencePresent()
    {
        var key = TelemetryDedupKey.For("press-7", TelemetryChannel.State, 17, Payload);

        Assert.Equal(key, TelemetryDedupKey.For("press-7", TelemetryChannel.Measure, 17, "{}"u8));
        Assert.NotEqual(key, TelemetryDedupKey.For("press-7", TelemetryChannel.State, 18, Payload));
        Assert.NotEqual(key, TelemetryDedupKey.For("press-8", TelemetryChannel.State, 17, Payload));
    }

    [Fact]
    public void HashesDeviceChannelAndExactPayloadWithoutSequence()
    {
        var key = TelemetryDedupKey.For("press-7", TelemetryChannel.Count, null, Payload);

        Assert.Matches("^sha256:[0-9a-f]{64}$", key);
        Assert.Equal(key, TelemetryDedupKey.For("press-7", TelemetryChannel.Count, null, Payload.ToArray()));
        Assert.NotEqual(key, TelemetryDedupKey.For("press-7", TelemetryChannel.State, null, Payload));
        Assert.NotEqual(key, TelemetryDedupKey.For("press-8", TelemetryChannel.Count, null, Payload));
        Assert.NotEqual(key, TelemetryDedupKey.For("press-7", TelemetryChannel.Count, null, Encoding.UTF8.GetBytes("""{"ts": "2025-03-01T11:59:00Z",  "good": 1}""")));
    }

    [Fact]
    public void StaysStableAcrossReleases()
    {
        // Keys are stored as unique keys: changing the algorithm would let repeated messages through after a deploy.
        Assert.Equal(
            "sha256:8f6c603a7e7453a0bd7ace341ef5d610ce5de789087194fe521618ff22fd55e9",
            TelemetryDedupKey.For("press-7", TelemetryChannel.Count, null, Payload));
    }

    [Fact]
    public void DoesNotConfuseDeviceIdBoundaries()
    {
        var a = TelemetryDedupKey.For("press", TelemetryChannel.State, null, "7{}"u8);
        var b = TelemetryDedupKey.For("press7", TelemetryChannel.State, null, "{}"u8);

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("device:with:colons")]
    [InlineData("device with spaces")]
    [InlineData("appareil-é")]
    public void HashesDeviceIdsThatAreNotPlainWithSequence(string deviceId)
    {
        var key = TelemetryDedupKey.For(deviceId, TelemetryChannel.State, 17, Payload);

        Assert.Matches("^sha256:[0-9a-f]{64}$", key);
        Assert.NotEqual(key, TelemetryDedupKey.For(deviceId, TelemetryChannel.State, 18, Payload));
        Assert.NotEqual(key, TelemetryDedupKey.For(deviceId, TelemetryChannel.State, null, Payload));
    }

    [Fact]
    public void KeepsKeysWithin128AsciiCharacters()
    {
        string[] keys =
        [
            TelemetryDedupKey.For(new string('d', 100), TelemetryChannel.State, ulong.MaxValue, Payload),
            TelemetryDedupKey.For(new string('d', 101), TelemetryChannel.State, ulong.MaxValue, Payload),
            TelemetryDedupKey.For(new string('é', 5000), TelemetryChannel.State, null, new byte[8192]),
        ];

        Assert.Equal(121, keys[0].Length);
        Assert.All(keys, key => Assert.InRange(key.Length, 1, TelemetryDedupKey.MaxLength));
        Assert.All(keys, key => Assert.True(key.All(char.IsAscii)));
    }

    [Fact]
    public void RequiresDeviceId()
    {
        Assert.Throws<ArgumentException>(() => TelemetryDedupKey.For("", TelemetryChannel.State, 1, Payload));
        Assert.Throws<ArgumentNullException>(() => TelemetryDedupKey.For(null!, TelemetryChannel.State, 1, Payload));
    }
}

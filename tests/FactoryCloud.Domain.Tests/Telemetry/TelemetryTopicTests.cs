using FactoryCloud.Domain.Telemetry;

using Xunit;

using static FactoryCloud.Domain.Tests.Telemetry.TelemetryTestData;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class TelemetryTopicTests
{
    private static readonly string Key64 = new('k', 64);
    private static readonly string Key65 = new('k', 65);

    [Fact]
    public void ParsesValidTopic()
    {
        Assert.True(TelemetryTopic.TryParse(ValidTopic, out var topic, out var reason));

        Assert.Equal(RefusalReason.None, reason);
        Assert.Equal("acme", topic.Tenant);
        Assert.Equal("plant-1", topic.Site);
        Assert.Equal("assembly", topic.Area);
        Assert.Equal("line-2", topic.Line);
        Assert.Equal("press-7", topic.Machine);
        Assert.Equal(new MachinePath("plant-1", "assembly", "line-2", "press-7"), topic.Path);
        Assert.Equal(TelemetryChannel.State, topic.Channel);
    }

    [Theory]
    [InlineData("state", TelemetryChannel.State)]
    [InlineData("count", TelemetryChannel.Count)]
    [InlineData("measure", TelemetryChannel.Measure)]
    public void ParsesEveryChannel(string segment, TelemetryChannel expected)
    {
        Assert.True(TelemetryTopic.TryParse($"fc/v1/acme/s/a/l/m/{segment}", out var topic, out _));

        Assert.Equal(expected, topic.Channel);
    }

    [Fact]
    public void FormatsBackToTheSameTopic()
    {
        Assert.True(TelemetryTopic.TryParse(ValidTopic, out var topic, out _));

        Assert.Equal(ValidTopic, topic.Format());
        Assert.Equal(ValidTopic, topic.ToString());
        Assert.Equal(topic, new TelemetryTopic("acme", new MachinePath("plant-1", "assembly", "line-2", "press-7"), TelemetryChannel.State));
    }

    [Fact]
    public void Accepts64CharacterKeys()
    {
        var value = $"fc/v1/{Key64}/{Key64}/{Key64}/{Key64}/{Key64}/measure";

        Assert.True(TelemetryTopic.TryParse(value, out var topic, out _));
        Assert.Equal(value, topic.Format());
    }

    [Fact]
    public void AcceptsSingleCharacterAndDigitOnlyKeys()
    {
        Assert.True(TelemetryTopic.TryParse("fc/v1/a/1/-/0-/z9/count", out var topic, out _));

        Assert.Equal("-", topic.Area);
    }

    [Theory]
    [MemberData(nameof(MalformedTopics))]
    public void RefusesMalformedTopicWithExactReason(string? value, RefusalReason expected)
    {
        Assert.False(TelemetryTopic.TryParse(value, out var topic, out var reason, out var detail));

        Assert.Null(topic);
        Assert.Equal(expected, reason);
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }

    [Fact]
    public void ExplainsWhichKeyIsMalformed()
    {
        Assert.False(TelemetryTopic.TryParse("fc/v1/acme/plant-1/Assembly/line-2/press-7/state", out _, out _, out var detail));

        Assert.Contains("area", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstructorRejectsInvalidTenantOrChannel()
    {
        var path = new MachinePath("s", "a", "l", "m");

        Assert.Throws<ArgumentException>(() => new TelemetryTopic("Acme", path, TelemetryChannel.State));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryTopic("acme", path, (TelemetryChannel)9));
        Assert.Throws<ArgumentNullException>(() => new TelemetryTopic("acme", null!, TelemetryChannel.State));
    }

    public static TheoryData<string?, RefusalReason> MalformedTopics() => new()
    {
        { null, RefusalReason.TopicMalformed },
        { "", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/state/extra", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/press-7/state", RefusalReason.TopicMalformed },
        { "/fc/v1/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/state/", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/", RefusalReason.TopicMalformed },
        { "FC/v1/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/V1/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v2/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v0/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "xx/v1/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "v1/fc/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/Acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/PLANT-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant_1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant 1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant.1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plänt/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme//assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1//plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2//state", RefusalReason.TopicMalformed },
        { "fc/v1/+/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/+/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press+7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/#", RefusalReason.TopicMalformed },
        { "fc/v1/acme/#", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/+", RefusalReason.TopicMalformed },
        { $"fc/v1/acme/plant-1/assembly/line-2/{Key65}/state", RefusalReason.TopicMalformed },
        { $"fc/v1/{Key65}/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/State", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/state\n", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/sta\0te", RefusalReason.TopicMalformed },
        { " fc/v1/acme/plant-1/assembly/line-2/press-7/state", RefusalReason.TopicMalformed },
        { "fc\\v1\\acme\\plant-1\\assembly\\line-2\\press-7\\state", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/planned_stop", RefusalReason.TopicMalformed },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/telemetry", RefusalReason.UnknownChannel },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/states", RefusalReason.UnknownChannel },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/energy", RefusalReason.UnknownChannel },
        { "fc/v1/acme/plant-1/assembly/line-2/press-7/measure-2", RefusalReason.UnknownChannel },
    };
}

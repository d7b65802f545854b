using System.Diagnostics.CodeAnalysis;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>A parsed telemetry topic: <c>fc/v1/{tenant}/{site}/{area}/{line}/{machine}/{channel}</c>.</summary>
public sealed record TelemetryTopic
{
    private static readonly string[] KeyNames = ["tenant", "site", "area", "line", "machine"];

    /// <exception cref="ArgumentException">The tenant is not a valid <see cref="TopicKey"/> or the channel is undefined.</exception>
    public TelemetryTopic(string tenant, MachinePath path, TelemetryChannel channel)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Enum.IsDefined(channel)) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown telemetry channel.");
        Tenant = TopicKey.Require(tenant, nameof(tenant));
        Path = path;
        Channel = channel;
    }

    /// <summary>The organisation's slug.</summary>
    public string Tenant { get; }
    public MachinePath Path { get; }
    public TelemetryChannel Channel { get; }

    public string Site => Path.Site;
    public string Area => Path.Area;
    public string Line => Path.Line;
    public string Machine => Path.Machine;

    /// <summary>The topic string a device publishes to.</summary>
    public string Format() =>
        $"{TelemetryContract.TopicPrefix}/{TelemetryContract.Version}/{Tenant}/{Site}/{Area}/{Line}/{Machine}/{Channel.ToWireName()}";

    public override string ToString() => Format();

    /// <summary>Parses a topic a device published to. Never throws.</summary>
    /// <param name="reason"><see cref="RefusalReason.None"/> on success, else <see cref="RefusalReason.TopicMalformed"/> or <see cref="RefusalReason.UnknownChannel"/>.</param>
    public static bool TryParse(string? value, [NotNullWhen(true)] out TelemetryTopic? topic, out RefusalReason reason) =>
        TryParse(value, out topic, out reason, out _);

    /// <inheritdoc cref="TryParse(string?, out TelemetryTopic?, out RefusalReason)"/>
    /// <param name="detail">Empty on success, else which part of the topic is wrong.</param>
    public static bool TryParse(string? value, [NotNullWhen(true)] out TelemetryTopic? topic, out RefusalReason reason, out string detail)
    {
        topic = null;
        reason = RefusalReason.TopicMalformed;
        if (string.IsNullOrEmpty(value))
        {
            detail = "topic is empty";
            return false;
        }
        if (value.AsSpan().ContainsAny('+', '#'))
        {
            detail = "topic contains an MQTT wildcard (+ or #)";
            return false;
        }

        var text = value.AsSpan();
        Span<Range> segments = stackalloc Range[TelemetryContract.TopicSegmentCount + 1];
        var count = text.Split(segments, '/');
        if (count != TelemetryContract.TopicSegmentCount)
        {
            detail = $"topic must have {TelemetryContract.TopicSegmentCount} segments: fc/v1/{{tenant}}/{{site}}/{{area}}/{{line}}/{{machine}}/{{channel}}";
            return false;
        }
        if (!text[segments[0]].SequenceEqual(TelemetryContract.TopicPrefix))
        {
            detail = $"topic must start with '{TelemetryContract.TopicPrefix}/'";
            return false;
        }
        if (!text[segments[1]].SequenceEqual(TelemetryContract.Version))
        {
            detail = $"unsupported contract version: only '{TelemetryContract.Version}' is accepted";
            return false;
        }
        for (var i = 0; i < KeyNames.Length; i++)
        {
            if (!TopicKey.IsValid(text[segments[i + 2]]))
            {
                detail = $"{KeyNames[i]} key must match [a-z0-9-]{{1,{TelemetryContract.MaxKeyLength}}}";
                return false;
            }
        }
        var channelText = text[segments[7]];
        if (!TopicKey.IsValid(channelText))
        {
            detail = "channel segment must be lower-case letters, digits or hyphens";
            return false;
        }
        if (!TelemetryChannelWireNames.TryParse(channelText, out var channel))
        {
            reason = RefusalReason.UnknownChannel;
            detail = "channel must be state, count or measure";
            return false;
        }

        topic = new TelemetryTopic(
            text[segments[2]].ToString(),
            new MachinePath(text[segments[3]].ToString(), text[segments[4]].ToString(), text[segments[5]].ToString(), text[segments[6]].ToString()),
            channel);
        reason = RefusalReason.None;
        detail = "";
        return true;
    }
}

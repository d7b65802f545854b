namespace FactoryCloud.Domain.Telemetry;

/// <summary>Maps <see cref="TelemetryChannel"/> to and from its topic segment.</summary>
public static class TelemetryChannelWireNames
{
    public static string ToWireName(this TelemetryChannel channel) => channel switch
    {
        TelemetryChannel.State => "state",
        TelemetryChannel.Count => "count",
        TelemetryChannel.Measure => "measure",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown telemetry channel."),
    };

    /// <summary>Exact, case-sensitive match of a wire name.</summary>
    public static bool TryParse(ReadOnlySpan<char> wireName, out TelemetryChannel channel)
    {
        switch (wireName)
        {
            case "state": channel = TelemetryChannel.State; return true;
            case "count": channel = TelemetryChannel.Count; return true;
            case "measure": channel = TelemetryChannel.Measure; return true;
            default: channel = default; return false;
        }
    }
}

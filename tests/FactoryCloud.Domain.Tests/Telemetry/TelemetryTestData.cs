using System.Text;

using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Domain.Tests.Telemetry;

/// <summary>A fixed server clock and payload helpers shared by the telemetry tests.</summary>
internal static class TelemetryTestData
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>One minute before <see cref="Now"/>.</summary>
    public const string Ts = "2025-03-01T11:59:00Z";

    public const string ValidTopic = "fc/v1/acme/plant-1/assembly/line-2/press-7/state";

    public static TelemetryParseResult Parse(TelemetryChannel channel, string json) =>
        TelemetryParser.Parse(channel, Encoding.UTF8.GetBytes(json), Now);

    public static TelemetryTopic Topic(string site = "plant-1", string area = "assembly", string line = "line-2", string machine = "press-7", string tenant = "acme") =>
        new(tenant, new MachinePath(site, area, line, machine), TelemetryChannel.State);
}

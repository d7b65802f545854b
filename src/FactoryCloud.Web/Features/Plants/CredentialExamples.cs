using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>Copy-paste commands that publish one message of each channel with a device's credentials.</summary>
public static class CredentialExamples
{
    public static string MosquittoPub(DeviceCredentials c)
    {
        // A gateway's filter ends in '#': show the topic of a machine below it.
        var topic = c.TopicPrefix.EndsWith("/#", StringComparison.Ordinal)
            ? c.TopicPrefix[..^1] + (c.TopicPrefix.Count(ch => ch == '/') switch { 4 => "AREA/LINE/MACHINE/", 5 => "LINE/MACHINE/", _ => "MACHINE/" })
            : c.TopicPrefix[..^1];
        // Over TLS, mosquitto_pub checks the broker's certificate against the CA that issued it (ca.pem here).
        var tls = c.Tls ? " --cafile ca.pem" : "";
        var connect = $"mosquitto_pub -h {c.Host} -p {c.Port}{tls} -q 1 -i {c.ClientId} -u '{c.Username}' -P '{c.Password}'";
        return string.Join('\n',
            $"{connect} -t '{topic}{TelemetryChannel.State.ToWireName()}' -m \"{{\\\"ts\\\":\\\"$(date -u +%FT%TZ)\\\",\\\"state\\\":\\\"running\\\"}}\"",
            $"{connect} -t '{topic}{TelemetryChannel.Count.ToWireName()}' -m \"{{\\\"ts\\\":\\\"$(date -u +%FT%TZ)\\\",\\\"good\\\":12,\\\"scrap\\\":1}}\"",
            $"{connect} -t '{topic}{TelemetryChannel.Measure.ToWireName()}' -m \"{{\\\"ts\\\":\\\"$(date -u +%FT%TZ)\\\",\\\"values\\\":{{\\\"energy_kwh\\\":0.25}}}}\"");
    }
}

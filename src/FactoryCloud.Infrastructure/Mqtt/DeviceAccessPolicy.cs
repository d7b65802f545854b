using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>What an authenticated device may do on the broker: publish only inside its scope, subscribe to nothing outside it.</summary>
public static class DeviceAccessPolicy
{
    public static RefusalReason CheckPublish(DeviceIdentity device, string topic, out TelemetryTopic? parsed)
    {
        if (!TelemetryTopic.TryParse(topic, out parsed, out var reason)) return reason;
        return device.Scope.Check(parsed!);
    }

    /// <summary>Devices publish; a subscription is allowed only to a filter inside the device's own scope.</summary>
    public static bool MaySubscribe(DeviceIdentity device, string filter)
    {
        var scope = device.Scope.ToTopicFilter(); // ".../machine/+" for a machine, ".../#" for a line or site
        var prefix = scope[..^1];
        if (!filter.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = filter[prefix.Length..];
        return scope.EndsWith('#') || (!rest.Contains('/', StringComparison.Ordinal) && !rest.Contains('#', StringComparison.Ordinal));
    }
}

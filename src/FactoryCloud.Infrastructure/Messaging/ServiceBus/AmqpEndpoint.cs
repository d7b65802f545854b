using System.Globalization;
using Amqp;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>Where to connect and with which credentials, parsed from <see cref="ServiceBusQueueOptions.ConnectionString"/>.</summary>
internal sealed record AmqpEndpoint(AmqpDialect Dialect, bool UseTls, string Host, int Port, string? UserName, string? Password, string? EntityPath)
{
    private const int AmqpPort = 5672;
    private const int AmqpsPort = 5671;

    /// <summary>
    /// Accepts the Service Bus format <c>Endpoint=sb://host[:port]/;SharedAccessKeyName=..;SharedAccessKey=..[;EntityPath=..][;UseDevelopmentEmulator=true]</c>
    /// and <c>amqp[s]://user:password@host[:port]</c>.
    /// </summary>
    public static AmqpEndpoint Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var trimmed = connectionString.Trim();
        return trimmed.StartsWith("amqp://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("amqps://", StringComparison.OrdinalIgnoreCase)
            ? ParseUri(trimmed)
            : ParseServiceBus(trimmed);
    }

    /// <summary>The AMQPNetLite address; credentials only for SASL PLAIN (with CBS the connection is anonymous).</summary>
    public Address ToAddress(bool withCredentials) =>
        new(Host, Port, withCredentials ? UserName : null, withCredentials ? Password : null, "/", UseTls ? "amqps" : "amqp");

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)} ({Dialect})";

    private static AmqpEndpoint ParseUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException("The AMQP connection string is not a valid amqp[s]://user:password@host:port URI.");
        var useTls = uri.Scheme.Equals("amqps", StringComparison.OrdinalIgnoreCase);
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            password = separator < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        return new AmqpEndpoint(AmqpDialect.RabbitMq, useTls, uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (useTls ? AmqpsPort : AmqpPort) : uri.Port, user, password, null);
    }

    private static AmqpEndpoint ParseServiceBus(string value)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Keys are base64 and may end in '=': split at the first one only.
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
                throw new FormatException($"The Service Bus connection string has a part without 'name=value': '{part.Split('=')[0]}'.");
            parts[part[..separator].Trim()] = part[(separator + 1)..].Trim();
        }

        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException("The Service Bus connection string needs Endpoint=sb://<namespace>.servicebus.windows.net/ (or an amqp://user:password@host:port URI).");
        if (!uri.Scheme.Equals("sb", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"The Service Bus Endpoint must use the sb:// scheme, not {uri.Scheme}://.");

        var emulator = parts.TryGetValue("UseDevelopmentEmulator", out var flag) && bool.TryParse(flag, out var on) && on;
        var useTls = !emulator;
        var port = uri.IsDefaultPort || uri.Port < 0 ? (useTls ? AmqpsPort : AmqpPort) : uri.Port;
        parts.TryGetValue("SharedAccessKeyName", out var keyName);
        parts.TryGetValue("SharedAccessKey", out var key);
        parts.TryGetValue("EntityPath", out var entityPath);
        return new AmqpEndpoint(AmqpDialect.AzureServiceBus, useTls, uri.Host, port, NullIfEmpty(keyName), NullIfEmpty(key), NullIfEmpty(entityPath));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

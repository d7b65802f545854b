using System.Globalization;
using Amqp;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>Where to connect and with which credentials, parsed from <see cref="AmqpQueueOptions.ConnectionString"/>.</summary>
internal sealed record AmqpEndpoint(bool UseTls, string Host, int Port, string? UserName, string? Password)
{
    private const int AmqpPort = 5672;
    private const int AmqpsPort = 5671;

    /// <summary>Accepts <c>amqp[s]://user:password@host[:port]</c>.</summary>
    public static AmqpEndpoint Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!Uri.TryCreate(connectionString.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)
            || uri.Scheme is not ("amqp" or "amqps"))
            throw new FormatException("The AMQP connection string is not a valid amqp[s]://user:password@host:port URI.");
        var useTls = uri.Scheme == "amqps";
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            password = separator < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        return new AmqpEndpoint(useTls, uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (useTls ? AmqpsPort : AmqpPort) : uri.Port, user, password);
    }

    /// <summary>The AMQPNetLite address, with the credentials for SASL PLAIN.</summary>
    public Address ToAddress() => new(Host, Port, UserName, Password, "/", UseTls ? "amqps" : "amqp");

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}

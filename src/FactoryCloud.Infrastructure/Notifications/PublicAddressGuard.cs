using System.Net;
using System.Net.Sockets;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// The webhook client's connect step: resolves the host itself and connects only to a public address (unless
/// private networks are allowed), so a webhook cannot reach loopback, the private network or the cloud metadata
/// endpoint, not even through a name that resolves there (the address checked is the address connected to).
/// </summary>
internal static class PublicAddressGuard
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (allowed.Count == 0)
            throw new AddressRefusedException($"Refused: {host} is not a public address (Notifications:Webhooks:AllowPrivateNetworks is off).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="e"/> is, or was caused by, a refused address (never worth a retry).</summary>
    public static bool Refused(Exception? e, out string? message)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException refused)
            {
                message = refused.Message;
                return true;
            }
        }
        message = null;
        return false;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }
}

/// <summary>The webhook's host resolves only to addresses webhooks may not reach.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);

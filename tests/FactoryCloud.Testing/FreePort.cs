using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FactoryCloud.Testing;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
public static class FreePort
{
    private static readonly ConcurrentDictionary<int, DateTime> s_recentlyHandedOut = new();

    /// <summary>
    /// A port that was free a moment ago (bind 127.0.0.1:0, read the port, close). The same port is not
    /// handed out twice within 10 minutes by this process, so parallel starts do not race for one port;
    /// another process can still take it, hence the services retry once on a collision.
    /// </summary>
    public static int Next()
    {
        var now = DateTime.UtcNow;
        foreach (var (port, at) in s_recentlyHandedOut)
        {
            if (now - at > TimeSpan.FromMinutes(10))
            {
                s_recentlyHandedOut.TryRemove(port, out _);
            }
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            if (s_recentlyHandedOut.TryAdd(port, now))
            {
                return port;
            }
        }

        throw new InvalidOperationException("Could not find a free TCP port on 127.0.0.1 that was not handed out recently.");
    }

    /// <summary>True if something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsAcceptingConnections(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until nothing accepts connections on the port any more; false on timeout.</summary>
    public static async Task<bool> WaitUntilClosedAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAcceptingConnections(port))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }
}

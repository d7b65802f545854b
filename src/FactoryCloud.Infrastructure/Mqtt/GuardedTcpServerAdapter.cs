using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// The built-in broker's listeners, in place of MQTTnet's own: plain MQTT and MQTT over TLS, each connection read
/// through a <see cref="MqttFrameGuardStream"/> so no packet over the maximum size is ever read, and each known to
/// the broker as a <see cref="ClientConnection"/> from its first byte to its close.
/// </summary>
public sealed class GuardedTcpServerAdapter(
    BuiltInBrokerOptions settings, X509Certificate2Collection? certificate, Action<ClientConnection, long> packetTooLarge, Action<ClientConnection> closed, ILogger log)
    : IMqttServerAdapter
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<IMqttChannelAdapter, ClientConnection> _connections = new();
    private readonly List<TcpListener> _listeners = [];
    // Stop and dispose can run at once (MQTTnet stops its adapters on stop and again on dispose), and a listener may
    // still be starting when the host stops: the listener list and the stop token change only under this lock.
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private SslStreamCertificateContext? _tls;
    private long _bytesRead;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The bound ports (a configured port of 0 gets a free one); 0 when that listener is off.</summary>
    public int PlainPort { get; private set; }
    public int TlsPort { get; private set; }

    /// <summary>Bytes read from the connections that have closed (after TLS).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public ClientConnection? Find(IMqttChannelAdapter adapter) => _connections.GetValueOrDefault(adapter);

    public IEnumerable<ClientConnection> Connections => _connections.Values;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        var address = IPAddress.Parse(settings.BindAddress);
        if (settings.PlainEnabled) PlainPort = Listen(address, settings.Port, tls: false, options);
        if (certificate is not null)
        {
            _tls = SslStreamCertificateContext.Create(certificate[0], new X509Certificate2Collection(certificate.Skip(1).ToArray()), offline: true);
            TlsPort = Listen(address, settings.Tls.Port, tls: true, options);
        }
        return Task.CompletedTask;
    }

    private int Listen(IPAddress address, int port, bool tls, MqttServerOptions serverOptions)
    {
        var listener = new TcpListener(address, port);
        listener.Start(serverOptions.DefaultEndpointOptions.ConnectionBacklog);
        lock (_gate) _listeners.Add(listener);
        _ = Task.Run(() => AcceptAsync(listener, tls, serverOptions));
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, bool tls, MqttServerOptions serverOptions)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || (e is SocketException && _stop.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException e)
            {
                log.LogWarning(e, "Could not accept an MQTT connection");
                continue;
            }
            _ = Task.Run(() => HandleAsync(socket, tls, serverOptions));
        }
    }

    private async Task HandleAsync(Socket socket, bool tls, MqttServerOptions serverOptions)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        var connection = new ClientConnection(remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        MqttFrameGuardStream? guard = null;
        try
        {
            socket.NoDelay = true;
            if (tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(HandshakeTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _tls, ClientCertificateRequired = false }, timeout.Token);
            }
            guard = new MqttFrameGuardStream(stream, settings.Limits.MaxPacketSize, size => packetTooLarge(connection, size));
            stream = guard;
            var channel = new MqttTcpChannel(guard, socket.LocalEndPoint, remote, null);
            // MQTTnet's per-packet trace (RX/TX) is left out: it would cost on the hot path and tell nothing the broker does not.
            using var adapter = new MqttChannelAdapter(channel, new MqttPacketFormatterAdapter(new MqttBufferWriter(serverOptions.WriterBufferSize, serverOptions.WriterBufferSizeMax)), MqttNetNullLogger.Instance);
            _connections[adapter] = connection;
            try
            {
                if (ClientHandler is { } handler) await handler(adapter);
            }
            finally
            {
                _connections.TryRemove(adapter, out _);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A connection ends this way whenever a client goes away, fails the TLS handshake or sends a packet too large.
            log.LogDebug(e, "MQTT connection from {Address} ended", connection.Address);
        }
        finally
        {
            if (guard is not null) Interlocked.Add(ref _bytesRead, guard.BytesRead);
            closed(connection);
            await stream.DisposeAsync();
        }
    }

    public Task StopAsync()
    {
        // The server stops its adapters when it is stopped and again when it is disposed, in either order.
        TcpListener[] listeners;
        lock (_gate)
        {
            if (_disposed) return Task.CompletedTask;
            _stop.Cancel();
            listeners = [.. _listeners];
            _listeners.Clear();
        }
        foreach (var listener in listeners) listener.Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopAsync();
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stop.Dispose();
        }
    }

    private bool _disposed;
}

using System.Buffers;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Pipeline;
using Microsoft.Extensions.Hosting;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// The MQTT broker inside the app: authenticates every device against the database, enforces its topic scope on
/// every publish and subscribe, and acknowledges a QoS 1 publish only after the ingress made it durable. It guards
/// itself (<see cref="BrokerLimits"/>): packets over a maximum size are never read, password hashing is rationed per
/// client address, verified credentials are cached, and a device whose credentials are rotated or revoked is
/// disconnected at once.
/// </summary>
public sealed class BuiltInBroker(
    IOptions<BuiltInBrokerOptions> options, DeviceAuthenticator authenticator, ITelemetryIngress ingress, DeviceCredentialChanges changes,
    ILogger<BuiltInBroker> logger, Azure.Core.TokenCredential? keyVaultCredential = null) : IHostedService, IAsyncDisposable
{
    private const string IdentityKey = "fc:device";
    private const string ConnectionKey = "fc:connection";
    private readonly BrokerLimits _limits = options.Value.Limits;
    private readonly ConnectThrottle _throttle = new(options.Value.Limits);
    private readonly DeviceCredentialCache _cache = new(options.Value.Limits.CredentialCacheDuration, TimeProvider.System, changes);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _tenantConnections = new();
    private MqttServer? _server;
    private GuardedTcpServerAdapter? _adapter;
    private long _changesSeen;

    /// <summary>The plain MQTT port it listens on (0 when plain MQTT is off).</summary>
    public int Port => _adapter?.PlainPort ?? 0;

    /// <summary>The MQTT over TLS port it listens on (0 without a certificate).</summary>
    public int TlsPort => _adapter?.TlsPort ?? 0;

    public ConnectThrottle Throttle => _throttle;

    /// <summary>Connections of authenticated devices, as counted against their tenants' limits.</summary>
    public int ConnectedDevices => _tenantConnections.Values.Sum();

    /// <summary>Bytes read from closed connections, after TLS.</summary>
    public long BytesRead => _adapter?.BytesRead ?? 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var certificate = settings.Tls.Enabled ? await BrokerCertificate.LoadAsync(settings.Tls, keyVaultCredential, cancellationToken) : null;
        _adapter = new GuardedTcpServerAdapter(settings, certificate, OnPacketTooLarge, OnClosed, logger);
        _server = new MqttServerFactory(new MqttNetLogForwarder(logger)).CreateMqttServer(new MqttServerOptionsBuilder().Build(), [_adapter]);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        changes.Changed += OnCredentialsChanged;
        changes.MayHaveMissed += OnChangesMissed;
        await _server.StartAsync();
        if (Port != 0) logger.LogInformation("Built-in MQTT broker listening on {Address}:{Port} (plain MQTT)", settings.BindAddress, Port);
        if (TlsPort != 0) logger.LogInformation("Built-in MQTT broker listening on {Address}:{Port} (MQTT over TLS, certificate {Subject})", settings.BindAddress, TlsPort, certificate![0].Subject);
        if (Port != 0 && !settings.IsLoopback) logger.LogWarning("Plain MQTT is on for {Address} (Mqtt:AllowPlain=true): device passwords travel in clear", settings.BindAddress);
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (_adapter?.Find(e.ChannelAdapter) is not { } connection || string.IsNullOrEmpty(e.UserName) || string.IsNullOrEmpty(e.Password) || string.IsNullOrEmpty(e.ClientId))
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }
        var changesBefore = Interlocked.Read(ref _changesSeen);
        var key = DeviceCredentialCache.Key(e.ClientId, e.UserName, e.Password);
        var device = _cache.Find(key);
        if (device is null)
        {
            // Over its address's budget, or locked out: refused without hashing a password.
            if (!_throttle.TryBeginPasswordCheck(connection.Address, e.UserName))
            {
                e.ReasonCode = MqttConnectReasonCode.QuotaExceeded;
                return;
            }
            var generation = _cache.Generation;
            device = await authenticator.AuthenticateAsync(e.ClientId, e.UserName, e.Password, e.CancellationToken);
            if (device is null)
            {
                _throttle.Failed(connection.Address, e.UserName);
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
                return;
            }
            _cache.Add(key, device, generation);
        }

        // A device taking over its own session (reconnecting before its old connection was noticed gone) is not a new one.
        if (_tenantConnections.AddOrUpdate(device.TenantId, 1, (_, n) => n + 1) > _limits.MaxConnectionsPerTenant
            && !_adapter.Connections.Any(c => c.Device is { } other && other.TenantId == device.TenantId && other.ClientId == device.ClientId))
        {
            _tenantConnections.AddOrUpdate(device.TenantId, 0, (_, n) => n - 1);
            ingress.Refuse(device, "", RefusalReason.TooManyConnections, default);
            e.ReasonCode = MqttConnectReasonCode.QuotaExceeded;
            return;
        }
        connection.Device = device;
        connection.SpeaksMqtt5 = e.ProtocolVersion == MqttProtocolVersion.V500;
        e.SessionItems[IdentityKey] = device;
        e.SessionItems[ConnectionKey] = connection;
        // Credentials changed while this connect was being checked: check it again now it is counted.
        if (Interlocked.Read(ref _changesSeen) != changesBefore) OnCredentialsChanged(device.TenantId);
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems[IdentityKey] is not DeviceIdentity device || e.SessionItems[ConnectionKey] is not ClientConnection connection)
        {
            Refuse(e, MqttPubAckReasonCode.NotAuthorized);
            return;
        }
        // Read in place when the payload arrived in one segment (it always does for a small message); the ingress
        // copies what it keeps before this handler returns.
        var sequence = e.ApplicationMessage.Payload;
        ReadOnlyMemory<byte> payload = sequence.IsSingleSegment ? sequence.First : sequence.ToArray();
        if (!connection.TryTakeMessage(_limits.MessagesPerSecondPerDevice))
        {
            if (connection.FirstRefusalThisSecond()) ingress.Refuse(device, e.ApplicationMessage.Topic, RefusalReason.RateLimited, payload.Span);
            Refuse(e, MqttPubAckReasonCode.QuotaExceeded);
            // MQTT 3.1.1 has no refusal in its PUBACK: close instead of acknowledging, and the device sends it again later.
            if (!connection.SpeaksMqtt5) e.CloseConnection = true;
            return;
        }
        var reason = DeviceAccessPolicy.CheckPublish(device, e.ApplicationMessage.Topic, out var topic);
        if (reason == RefusalReason.None)
            reason = await ingress.AcceptAsync(device, topic!, payload, e.CancellationToken);
        else
            ingress.Refuse(device, e.ApplicationMessage.Topic, reason, payload.Span);
        // Accepted messages are stored by the ingress, not relayed: devices never see each other's data.
        e.ProcessPublish = false;
        if (reason == RefusalReason.OutOfScope) Refuse(e, MqttPubAckReasonCode.NotAuthorized);
        else if (reason is RefusalReason.MessageQuotaExceeded or RefusalReason.StorageQuotaExceeded) Refuse(e, MqttPubAckReasonCode.QuotaExceeded);
        else if (reason != RefusalReason.None) Refuse(e, MqttPubAckReasonCode.PayloadFormatInvalid);
    }

    private static void Refuse(InterceptingPublishEventArgs e, MqttPubAckReasonCode code)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = code;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[IdentityKey] is not DeviceIdentity device || !DeviceAccessPolicy.MaySubscribe(device, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }
        return Task.CompletedTask;
    }

    private void OnPacketTooLarge(ClientConnection connection, long size)
    {
        if (connection.Device is { } device) ingress.Refuse(device, "", RefusalReason.PacketTooLarge, default);
        else logger.LogWarning("Closed an MQTT connection from {Address} before it authenticated: it sent a packet of {Size} bytes", connection.Address, size);
    }

    private void OnClosed(ClientConnection connection)
    {
        if (connection.Device is { } device) _tenantConnections.AddOrUpdate(device.TenantId, 0, (_, n) => n - 1);
    }

    /// <summary>A tenant's device credentials changed (here or in another process): disconnect its devices whose credentials ended.</summary>
    private void OnCredentialsChanged(Guid tenantId)
    {
        Interlocked.Increment(ref _changesSeen);
        _ = Task.Run(async () =>
        {
            try
            {
                if (_adapter is null || _server is null) return;
                var connected = _adapter.Connections.Where(c => c.Device?.TenantId == tenantId).ToList();
                if (connected.Count == 0) return;
                var ended = await authenticator.EndedAsync(tenantId, connected.Select(c => c.Device!).ToList());
                foreach (var device in ended)
                {
                    logger.LogInformation("Disconnecting device {ClientId}: its credentials were rotated or revoked", device.ClientId);
                    await _server.DisconnectClientAsync(device.ClientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized });
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not disconnect the devices of tenant {TenantId} whose credentials ended", tenantId);
            }
        });
    }

    /// <summary>The change feed reconnected and may have missed a rotation or revocation: check every connected tenant.</summary>
    private void OnChangesMissed()
    {
        foreach (var tenantId in _adapter?.Connections.Select(c => c.Device?.TenantId).OfType<Guid>().Distinct().ToList() ?? [])
            OnCredentialsChanged(tenantId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= OnCredentialsChanged;
        changes.MayHaveMissed -= OnChangesMissed;
        if (_server is not null) await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        changes.Changed -= OnCredentialsChanged;
        changes.MayHaveMissed -= OnChangesMissed;
        if (_server is null) return;
        await _server.StopAsync();
        _server.Dispose();
        _server = null;
    }
}

using System.Buffers;
using System.Net;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// The MQTT broker inside the app: authenticates every device against the database, enforces its topic scope on
/// every publish and subscribe, and acknowledges a QoS 1 publish only after the ingress made it durable.
/// </summary>
public sealed class BuiltInBroker(
    IOptions<BuiltInBrokerOptions> options, DeviceAuthenticator authenticator, ITelemetryIngress ingress, ILogger<BuiltInBroker> logger) : IHostedService, IAsyncDisposable
{
    private const string IdentityKey = "fc:device";
    private MqttServer? _server;

    public int Port => options.Value.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(options.Value.BindAddress))
            .WithDefaultEndpointPort(options.Value.Port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        await _server.StartAsync();
        logger.LogInformation("Built-in MQTT broker listening on {Address}:{Port}", options.Value.BindAddress, options.Value.Port);
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var device = await authenticator.AuthenticateAsync(e.ClientId, e.UserName, e.Password);
        if (device is null)
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }
        e.SessionItems[IdentityKey] = device;
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems[IdentityKey] is not DeviceIdentity device)
        {
            Refuse(e, MqttPubAckReasonCode.NotAuthorized);
            return;
        }
        // Read in place when the payload arrived in one segment (it always does for a small message); the ingress
        // copies what it keeps before this handler returns.
        var sequence = e.ApplicationMessage.Payload;
        ReadOnlyMemory<byte> payload = sequence.IsSingleSegment ? sequence.First : sequence.ToArray();
        var reason = DeviceAccessPolicy.CheckPublish(device, e.ApplicationMessage.Topic, out var topic);
        if (reason == RefusalReason.None)
            reason = await ingress.AcceptAsync(device, topic!, payload, e.CancellationToken);
        else
            ingress.Refuse(device, e.ApplicationMessage.Topic, reason, payload.Span);
        // Accepted messages are stored by the ingress, not relayed: devices never see each other's data.
        e.ProcessPublish = false;
        if (reason == RefusalReason.OutOfScope) Refuse(e, MqttPubAckReasonCode.NotAuthorized);
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null) return;
        await _server.StopAsync();
        _server.Dispose();
        _server = null;
    }
}

using System.Buffers;
using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Infrastructure.Resilience;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// The ingestion worker's side of an external broker (<c>Mqtt:Mode=External</c>): a persistent MQTT 5 session
/// subscribed with QoS 1 to <c>$share/{group}/fc/v1/#</c>. Each message goes to <see cref="ITelemetryIngress"/> and is
/// acknowledged only once the ingress returned, that is once the sink made it durable; a refused message is
/// acknowledged too (it is recorded, and resending would not help). When ingesting throws (queue or database down)
/// nothing more is acknowledged: the worker disconnects and reconnects with backoff, and the broker redelivers every
/// unacknowledged message to the session; the dedup key makes a redelivered message harmless.
/// </summary>
/// <remarks>
/// The broker's ACL (exported by the app) already confined each device to its scope, but the worker does not learn
/// which device published: the tenant comes from the topic's slug, the device is <see cref="ExternalDevice"/> with
/// the topic's machine as its scope, and <see cref="ExternalDedupKeySink"/> keys messages by machine instead of device.
/// </remarks>
public sealed class ExternalBrokerIngestion(
    IOptions<ExternalBrokerOptions> options,
    ITelemetryIngress ingress,
    ExternalTenantDirectory tenants,
    ILogger<ExternalBrokerIngestion> logger) : BackgroundService
{
    /// <summary>The <see cref="DeviceIdentity.ClientId"/> of messages from an external broker.</summary>
    public const string ExternalClientId = "external";

    public const string MeterName = "FactoryCloud.Ingestion.External";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_messages = s_meter.CreateCounter<long>("fc.ingestion.external.messages", description: "Messages taken from the external broker, by outcome.");
    private static readonly Counter<long> s_failures = s_meter.CreateCounter<long>("fc.ingestion.external.failures", description: "Connections dropped because ingesting failed or the broker went away.");

    private long _accepted;
    private long _refused;
    private long _unknownTenant;

    /// <summary>Messages accepted (made durable by the sink) since start.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Messages refused by the contract (and recorded) since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Messages for a tenant slug that does not exist (dropped, logged) since start.</summary>
    public long UnknownTenant => Interlocked.Read(ref _unknownTenant);

    /// <summary>The device a message from the external broker is attributed to: its tenant, publishing for its machine.</summary>
    public static DeviceIdentity ExternalDevice(Guid tenantId, TelemetryTopic topic) =>
        new(tenantId, topic.Tenant, Guid.Empty, ExternalClientId, DeviceScope.ForMachine(topic.Tenant, topic.Path));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        settings.Validate();
        var reconnect = Retries.BrokerReconnect(settings.MinReconnectDelay, settings.MaxReconnectDelay, TimeProvider.System, logger);
        try
        {
            // A connection that acknowledged messages proved the path works: the next one starts the backoff afresh.
            while (!stoppingToken.IsCancellationRequested)
                await reconnect.ExecuteAsync(async ct => await ConnectOnceAsync(settings, ct), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Returns when a connection that acknowledged messages ended; throws when one failed before that (the retry backs off).</summary>
    private async ValueTask ConnectOnceAsync(ExternalBrokerOptions settings, CancellationToken ct)
    {
        bool healthy;
        try
        {
            healthy = await RunConnectionAsync(settings, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            s_failures.Add(1);
            throw new ExternalBrokerConnectionException($"External MQTT broker {settings.Host}:{settings.EffectivePort}: {e.Message}", e);
        }
        if (!healthy && !ct.IsCancellationRequested)
            throw new ExternalBrokerConnectionException($"External MQTT broker {settings.Host}:{settings.EffectivePort} ended the connection before anything was acknowledged.");
    }

    /// <summary>One connection, until it fails, the broker drops it, or the host stops. True when it acknowledged anything.</summary>
    private async Task<bool> RunConnectionAsync(ExternalBrokerOptions settings, CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        using var connection = new Connection(this, client, settings.ReceiveMaximum, logger);
        client.ApplicationMessageReceivedAsync += connection.OnMessageAsync;
        client.DisconnectedAsync += connection.OnDisconnectedAsync;
        try
        {
            var connected = await client.ConnectAsync(ClientOptions(settings), stoppingToken);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"the broker refused the connection: {connected.ResultCode} {connected.ReasonString}");

            var subscribed = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(settings.TopicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build(), stoppingToken);
            var granted = subscribed.Items.Single().ResultCode;
            if (granted != MqttClientSubscribeResultCode.GrantedQoS1)
                throw new InvalidOperationException($"subscribing to {settings.TopicFilter} was answered {granted} (is the worker's ACL `topic read fc/v1/#`?)");
            logger.LogInformation("Ingesting from {Host}:{Port} as {ClientId} ({Filter}, session {Session})",
                settings.Host, settings.EffectivePort, settings.ClientId, settings.TopicFilter, connected.IsSessionPresent ? "resumed" : "new");

            await connection.Ended.WaitAsync(stoppingToken);
            // The connection failed or dropped: whatever is not acknowledged is redelivered on the next one.
            s_failures.Add(1);
            return connection.Acknowledged > 0;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: let what is being ingested finish and be acknowledged, then leave (the session stays).
            await connection.DrainAsync(settings.DrainTimeout);
            throw;
        }
        finally
        {
            connection.Abandon();
            if (client.IsConnected)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogDebug(e, "Disconnecting from the external broker failed");
                }
            }
            await connection.SettleAsync(TimeSpan.FromSeconds(5));
        }
    }

    private static MqttClientOptions ClientOptions(ExternalBrokerOptions settings)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.EffectivePort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(settings.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)settings.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)settings.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(settings.Username)) builder.WithCredentials(settings.Username, settings.Password);
        if (settings.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (!string.IsNullOrWhiteSpace(settings.ClientCertificate))
                    tls.WithClientCertificates([X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(settings.ClientCertificate), null)]);
            });
        }
        return builder.Build();
    }

    /// <summary>
    /// Takes one message onward. Completes when it may be acknowledged: accepted (durable) or refused (recorded, or
    /// dropped for want of a tenant). Throws when it could not be made durable; then it must not be acknowledged.
    /// </summary>
    private async Task ProcessAsync(string topicText, byte[] payload, CancellationToken ct)
    {
        if (!TelemetryTopic.TryParse(topicText, out var topic, out var reason))
        {
            await RefuseTopicAsync(topicText, reason, payload, ct);
            return;
        }
        if (await tenants.FindAsync(topic.Tenant, ct) is not { } tenantId)
        {
            Interlocked.Increment(ref _unknownTenant);
            s_messages.Add(1, new KeyValuePair<string, object?>("outcome", "unknown_tenant"));
            return;
        }

        var result = await ingress.AcceptAsync(ExternalDevice(tenantId, topic), topic, payload, ct);
        if (result == RefusalReason.None)
        {
            Interlocked.Increment(ref _accepted);
            s_messages.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
        }
        else
        {
            Interlocked.Increment(ref _refused);
            s_messages.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
        }
    }

    /// <summary>
    /// A topic the contract refuses (the ACL lets a device with a <c>.../#</c> scope publish to, say, a channel
    /// <c>temp</c>): recorded for its tenant when the slug names one, so the device's owner sees it.
    /// </summary>
    private async Task RefuseTopicAsync(string topicText, RefusalReason reason, byte[] payload, CancellationToken ct)
    {
        var segments = topicText.Split('/');
        var slug = segments.Length > 3 && segments[0] == TelemetryContract.TopicPrefix && TopicKey.IsValid(segments[2]) ? segments[2] : null;
        if (slug is null || await tenants.FindAsync(slug, ct) is not { } tenantId)
        {
            Interlocked.Increment(ref _unknownTenant);
            s_messages.Add(1, new KeyValuePair<string, object?>("outcome", "unknown_tenant"));
            logger.LogWarning("Dropped a message on {Topic}: {Reason} and no tenant to record it for", topicText, reason);
            return;
        }
        // The scope is not used for recording; the site (or, failing that, the slug) only makes it well-formed.
        var site = TopicKey.IsValid(segments[3]) ? segments[3] : slug;
        ingress.Refuse(new DeviceIdentity(tenantId, slug, Guid.Empty, ExternalClientId, DeviceScope.ForSite(slug, site)), topicText, reason, payload);
        Interlocked.Increment(ref _refused);
        s_messages.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
    }

    /// <summary>
    /// The state of one connection. MQTTnet hands messages over one at a time; each is ingested concurrently (so the
    /// sink can batch them), and acknowledgements go out in the order the messages arrived (MQTT-4.6.0-2).
    /// </summary>
    private sealed class Connection(ExternalBrokerIngestion owner, IMqttClient client, int maxInFlight, ILogger logger) : IDisposable
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _abandon = new();
        private readonly SemaphoreSlim _slots = new(maxInFlight, maxInFlight);
        private readonly Lock _gate = new();
        private Task _lastAcknowledgement = Task.CompletedTask;
        private bool _accepting = true;
        private bool _failed;
        private long _acknowledged;

        /// <summary>Completes when the connection dropped or ingesting failed.</summary>
        public Task Ended => _ended.Task;

        public long Acknowledged => Interlocked.Read(ref _acknowledged);

        public async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
        {
            e.AutoAcknowledge = false;
            try
            {
                // Back-pressure on MQTTnet's receive loop; the broker honours the Receive Maximum anyway.
                await _slots.WaitAsync(_abandon.Token);
            }
            catch (OperationCanceledException)
            {
                return; // not acknowledged: redelivered on the next connection
            }

            var topic = e.ApplicationMessage.Topic;
            var payload = e.ApplicationMessage.Payload.ToArray();
            Task previous;
            var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (!_accepting || _failed || _ended.Task.IsCompleted)
                {
                    _slots.Release();
                    return; // not acknowledged: redelivered on the next connection
                }
                // MQTTnet calls this handler for one message at a time, so the chain follows the arrival order.
                previous = _lastAcknowledgement;
                _lastAcknowledgement = acknowledged.Task;
            }
            _ = IngestAndAcknowledgeAsync(e, topic, payload, previous, acknowledged);
        }

        private async Task IngestAndAcknowledgeAsync(MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload, Task previous, TaskCompletionSource done)
        {
            try
            {
                await owner.ProcessAsync(topic, payload, _abandon.Token);
                await previous; // never faults
                if (Volatile.Read(ref _failed) || _abandon.IsCancellationRequested) return;
                await e.AcknowledgeAsync(_abandon.Token);
                Interlocked.Increment(ref _acknowledged);
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            finally
            {
                _slots.Release();
                done.TrySetResult();
            }
        }

        public Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
        {
            if (_ended.TrySetResult() && e.ClientWasConnected && !_abandon.IsCancellationRequested)
                logger.LogWarning(e.Exception, "External MQTT broker connection lost ({Reason})", e.ReasonString ?? e.Reason.ToString());
            return Task.CompletedTask;
        }

        private void Fail(Exception e)
        {
            lock (_gate)
            {
                if (_failed) return;
                _failed = true;
            }
            // After the connection dropped or was abandoned, failing acknowledgements and cancelled work are expected.
            if (!_abandon.IsCancellationRequested && _ended.TrySetResult())
                logger.LogError(e, "Ingesting a message failed; disconnecting so that the broker redelivers everything unacknowledged");
        }

        /// <summary>Stops taking messages and waits (up to <paramref name="timeout"/>) until those being ingested are acknowledged.</summary>
        public async Task DrainAsync(TimeSpan timeout)
        {
            Task last;
            lock (_gate)
            {
                _accepting = false;
                last = _lastAcknowledgement;
            }
            if (!await CompletesWithinAsync(last, timeout))
                logger.LogWarning("Messages still being ingested after {Timeout} are left to the broker to redeliver", timeout);
        }

        /// <summary>Nothing more is acknowledged on this connection; ingestion still under way is cancelled.</summary>
        public void Abandon()
        {
            lock (_gate) _accepting = false;
            _abandon.Cancel();
        }

        /// <summary>Waits briefly for cancelled work to unwind before the next connection starts.</summary>
        public Task SettleAsync(TimeSpan timeout)
        {
            Task last;
            lock (_gate) last = _lastAcknowledgement;
            return CompletesWithinAsync(last, timeout);
        }

        private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
        {
            try
            {
                await task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            client.ApplicationMessageReceivedAsync -= OnMessageAsync;
            client.DisconnectedAsync -= OnDisconnectedAsync;
            _abandon.Dispose();
            // _slots is not disposed: late continuations may still release it.
        }
    }
}

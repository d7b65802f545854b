using FactoryCloud.Simulator.Simulation;

using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Polly;

namespace FactoryCloud.Simulator.Publishing;

/// <summary>
/// Publishes <see cref="SimulatedMessage"/>s to an MQTT broker as a device does: clean session, the device's
/// credentials, QoS 1 awaiting each PUBACK, no retain flag. When the connection drops it reconnects with exponential
/// backoff and publishes the interrupted message again (at least once; FactoryCloud drops duplicates by <c>seq</c>).
/// </summary>
public sealed class MqttTelemetryPublisher : IAsyncDisposable
{
    private readonly MqttPublisherOptions _options;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly ResiliencePipeline _connectRetry;
    private readonly ResiliencePipeline _publishRetry;
    private volatile bool _stopping;
    private long _published;
    private long _refused;
    private int _connections;

    public MqttTelemetryPublisher(MqttPublisherOptions options, TextWriter? log = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log ?? TextWriter.Null;
        _time = timeProvider ?? TimeProvider.System;
        _clientOptions = BuildClientOptions(options);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _connectRetry = PublishRetries.Connect(options, _time, (attempt, wait, e) =>
            Log($"connection attempt {attempt} to {_options.Host}:{_options.Port} failed ({e.GetType().Name}: {e.Message}); retrying in {wait.TotalSeconds:0.0} s"));
        _publishRetry = PublishRetries.Publish(options, _time, (_, _, _) => { });
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages the broker acknowledged (or accepted, at QoS 0).</summary>
    public long PublishedCount => Interlocked.Read(ref _published);

    /// <summary>Messages the broker refused with an MQTT 5 reason code (for example not authorised); not retried.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>Successful connections so far: 1 plus the reconnections.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>
    /// Connects, retrying network failures with backoff until cancelled.
    /// </summary>
    /// <exception cref="MqttConnectionRefusedException">The broker refused the connection (for example wrong credentials).</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default) =>
        EnsureConnectedAsync(failOnRefusal: true, cancellationToken);

    /// <summary>
    /// Publishes one message; at QoS 1 returns once the broker acknowledged it. A broken connection is re-established
    /// (with backoff, indefinitely) and the message published again. Call it for one message at a time.
    /// </summary>
    public async Task PublishAsync(SimulatedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mqttMessage = new MqttApplicationMessageBuilder()
            .WithTopic(message.TopicName)
            .WithPayload(message.PayloadUtf8())
            .WithQualityOfServiceLevel(_options.QualityOfService)
            .WithRetainFlag(false)
            .Build();
        await _publishRetry.ExecuteAsync(async ct =>
        {
            try
            {
                await EnsureConnectedAsync(failOnRefusal: false, ct).ConfigureAwait(false);
                var result = await _client.PublishAsync(mqttMessage, ct).ConfigureAwait(false);
                if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    Interlocked.Increment(ref _published);
                }
                else
                {
                    Interlocked.Increment(ref _refused);
                    Log($"broker refused {message.TopicName} seq {message.Sequence}: {result.ReasonCode} {result.ReasonString}");
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not ArgumentException)
            {
                Log($"publish of seq {message.Sequence} failed ({ex.GetType().Name}: {ex.Message}); reconnecting and publishing it again");
                // A timed-out acknowledgement on a connection that looks alive: drop it and start afresh.
                if (_client.IsConnected) await DisconnectQuietlyAsync().ConfigureAwait(false);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes every message in order until the sequence ends or <paramref name="stoppingToken"/> is cancelled.
    /// After a stop request the message in flight gets <see cref="MqttPublisherOptions.StopGracePeriod"/> to finish.
    /// Returns the number of messages handed to the broker; does not throw on cancellation.
    /// </summary>
    public async Task<long> PublishAllAsync(IAsyncEnumerable<SimulatedMessage> messages, CancellationToken stoppingToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long count = 0;
        try
        {
            await foreach (var message in messages.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                await PublishWithGraceAsync(message, stoppingToken).ConfigureAwait(false);
                count++;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        return count;
    }

    /// <summary>Sends DISCONNECT and closes the connection. Idempotent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopping = true;
        if (!_client.IsConnected) return;
        try
        {
            await _client.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, cancellationToken: cancellationToken).ConfigureAwait(false);
            Log("disconnected");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log($"disconnect failed: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.Dispose();
    }

    private async Task PublishWithGraceAsync(SimulatedMessage message, CancellationToken stoppingToken)
    {
        using var inFlight = new CancellationTokenSource();
        var grace = _options.StopGracePeriod;
        using var registration = stoppingToken.Register(() => inFlight.CancelAfter(grace));
        await PublishAsync(message, inFlight.Token).ConfigureAwait(false);
    }

    private async Task EnsureConnectedAsync(bool failOnRefusal, CancellationToken cancellationToken)
    {
        if (_client.IsConnected) return;
        var attempt = 0;
        await _connectRetry.ExecuteAsync(async ct =>
        {
            attempt++;
            var result = await _client.ConnectAsync(_clientOptions, ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                var refused = new MqttConnectionRefusedException(result.ResultCode, $"The broker {_options.Host}:{_options.Port} refused the connection: {result.ResultCode}.");
                if (failOnRefusal) throw refused;
                throw new IOException($"refused: {result.ResultCode} {result.ReasonString}".TrimEnd(), refused);
            }
            var count = Interlocked.Increment(ref _connections);
            Log(count == 1
                ? $"connected to {_options.Host}:{_options.Port} as {_options.ClientId}"
                : $"reconnected to {_options.Host}:{_options.Port} (attempt {attempt})");
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            await _client.DisconnectAsync(MqttClientDisconnectOptionsReason.UnspecifiedError).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log($"closing the broken connection failed: {ex.Message}");
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected && !_stopping)
        {
            Log($"connection lost ({e.Reason}{(e.Exception is null ? "" : ": " + e.Exception.Message)})");
        }
        return Task.CompletedTask;
    }

    private void Log(string message)
    {
        lock (_log)
        {
            _log.WriteLine($"{_time.GetUtcNow():HH:mm:ss.fff} mqtt: {message}");
        }
    }

    private static MqttClientOptions BuildClientOptions(MqttPublisherOptions options)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithCleanSession(true)
            .WithProtocolVersion(options.ProtocolVersion)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.Timeout);
        if (options.Username is not null) builder = builder.WithCredentials(options.Username, options.Password);
        if (options.UseTls) builder = builder.WithTlsOptions(tls => tls.UseTls());
        return builder.Build();
    }
}

/// <summary>The broker answered CONNECT with a refusal, such as bad user name or password or not authorised.</summary>
public sealed class MqttConnectionRefusedException : Exception
{
    public MqttConnectionRefusedException(MqttClientConnectResultCode resultCode, string message)
        : base(message)
    {
        ResultCode = resultCode;
    }

    public MqttClientConnectResultCode ResultCode { get; }
}

using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// A device that publishes with QoS 1 and retries each message until the broker acknowledged it with Success (a
/// dropped connection, a timeout or "no matching subscribers" all mean: send it again), as the contract asks of
/// devices. A refusal that no resend can change (not authorised, invalid topic or payload) fails at once. Publishes may
/// run concurrently.
/// </summary>
public sealed class ReliablePublisher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private long _retries;

    private ReliablePublisher(MqttClientOptions options) => _options = options;

    /// <summary>Publishes that had to be sent again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public bool IsConnected => _client.IsConnected;

    public static async Task<ReliablePublisher> ConnectAsync(string host, int port, string clientId, string username, string password, CancellationToken ct)
    {
        var publisher = new ReliablePublisher(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCredentials(username, password)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
        await publisher.EnsureConnectedAsync(ct);
        return publisher;
    }

    public async Task PublishAsync(string topic, byte[] payload, CancellationToken ct)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        while (true)
        {
            try
            {
                await EnsureConnectedAsync(ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var result = await _client.PublishAsync(message, timeout.Token);
                if (result.ReasonCode == MqttClientPublishReasonCode.Success) return;
                if (result.ReasonCode is MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid
                    or MqttClientPublishReasonCode.PayloadFormatInvalid)
                    throw new RefusedPublishException($"The broker refused {topic}: {result.ReasonCode}. Sending it again cannot help.");
            }
            catch (RefusedPublishException)
            {
                throw;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Not acknowledged: send it again.
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(100, ct);
        }
    }

    /// <summary>One QoS 1 publish, no retry: the broker's answer (MQTT 5: NoMatchingSubscribers when nobody subscribed).</summary>
    public async Task<MqttClientPublishReasonCode> PublishOnceAsync(string topic, byte[] payload, CancellationToken ct)
    {
        await EnsureConnectedAsync(ct);
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        return result.ReasonCode;
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (_client.IsConnected) return;
        await _connecting.WaitAsync(ct);
        try
        {
            if (!_client.IsConnected) await _client.ConnectAsync(_options, ct);
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (Exception)
            {
                // Best effort.
            }
        }
        _client.Dispose();
        _connecting.Dispose();
    }
}

public sealed class RefusedPublishException(string message) : Exception(message);

using System.Collections.Concurrent;

using FactoryCloud.Testing;

using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FactoryCloud.Simulator.Tests;

/// <summary>A subscriber that collects what it receives, for checking what the publisher delivered.</summary>
internal sealed class MqttTestClient : IDisposable
{
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();
    private readonly MqttClientOptions _options;

    private MqttTestClient(MqttClientOptions options)
    {
        _options = options;
        Client = new MqttClientFactory().CreateMqttClient();
        Client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public IReadOnlyList<MqttApplicationMessage> Received => _received.ToList();

    /// <param name="persistentSession">Keep the session (and queued QoS 1 messages) while disconnected.</param>
    public static async Task<MqttTestClient> SubscribeAsync(
        MosquittoBroker broker, string topicFilter, string? username = null, string? password = null, bool persistentSession = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"fctest-sub-{Guid.NewGuid():N}")
            .WithCleanSession(!persistentSession)
            // MQTT 3.1.1: a session without clean-session flag lasts until the client cleans it (in MQTT 5 it would
            // end at disconnect unless a session expiry interval is given).
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (username is not null) builder = builder.WithCredentials(username, password);
        var client = new MqttTestClient(builder.Build());
        try
        {
            await client.ConnectAsync();
            await client.Client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                TestContext.Current.CancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task ConnectAsync()
    {
        var result = await Client.ConnectAsync(_options, TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or fails after the timeout).</summary>
    public async Task<IReadOnlyList<MqttApplicationMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"received {_received.Count} of {count} messages");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return Received;
    }

    public void Dispose() => Client.Dispose();
}

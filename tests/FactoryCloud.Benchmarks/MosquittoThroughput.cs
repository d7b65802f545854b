using System.Diagnostics;
using FactoryCloud.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.Benchmarks;

/// <summary>The baseline: mosquitto relaying QoS 1 messages from one publisher to one subscriber.</summary>
internal static class MosquittoThroughput
{
    public static async Task<double> MeasureAsync(int count)
    {
        // Unlimited queues: the default (1000 queued messages per client) drops QoS 1 messages for a subscriber that falls behind.
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { AdditionalConfigLines = ["max_queued_messages 0"] });
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        using var publisher = factory.CreateMqttClient();
        var received = 0;
        var done = new TaskCompletionSource();
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref received) == count) done.TrySetResult();
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-sub").Build());
        await subscriber.SubscribeAsync("bench/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-pub").Build());

        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, count).Select(i => ($"bench/m-{i % 20:00}/count", Publisher.CountPayload(i, now))).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Publisher.PublishAsync(publisher, messages);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return count / stopwatch.Elapsed.TotalSeconds;
    }
}

using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.Benchmarks;

/// <summary>Publishes QoS 1 messages with a window of unacknowledged publishes, as a busy gateway would.</summary>
internal static class Publisher
{
    public const int InFlight = 100;

    /// <summary>Publishes the messages as they are enumerated (nothing is held beyond the window) and waits for every acknowledgement.</summary>
    public static async Task PublishAsync(IMqttClient client, IEnumerable<(string Topic, byte[] Payload)> messages)
    {
        using var window = new SemaphoreSlim(InFlight);
        Exception? failure = null;
        foreach (var (topic, payload) in messages)
        {
            await window.WaitAsync();
            if (failure is not null) break;
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            _ = PublishOneAsync(client, message, window, e => failure = e);
        }
        for (var i = 0; i < InFlight; i++) await window.WaitAsync();
        if (failure is not null) throw failure;
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim window, Action<Exception> fail)
    {
        try
        {
            var result = await client.PublishAsync(message);
            if (!result.IsSuccess) fail(new InvalidOperationException($"Publish refused: {result.ReasonCode} {result.ReasonString}"));
        }
        catch (Exception e)
        {
            fail(e);
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>A count message of one good part (the embedded benchmark waits for the KPI API to count one per message).</summary>
    public static byte[] CountPayload(long seq, DateTimeOffset ts) =>
        Encoding.UTF8.GetBytes($"{{\"ts\":\"{ts:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"seq\":{seq},\"good\":1,\"scrap\":0,\"product\":\"sku-1\",\"note\":\"{new string('x', 90)}\"}}");
}

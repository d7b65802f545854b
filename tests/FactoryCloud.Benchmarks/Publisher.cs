using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.Benchmarks;

/// <summary>Publishes QoS 1 messages with a window of unacknowledged publishes, as a busy gateway would.</summary>
internal static class Publisher
{
    public const int InFlight = 100;

    public static async Task PublishAsync(IMqttClient client, IReadOnlyList<(string Topic, byte[] Payload)> messages)
    {
        using var window = new SemaphoreSlim(InFlight);
        var pending = new List<Task>(messages.Count);
        foreach (var (topic, payload) in messages)
        {
            await window.WaitAsync();
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            pending.Add(PublishOneAsync(client, message, window));
        }
        await Task.WhenAll(pending);
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim window)
    {
        try
        {
            var result = await client.PublishAsync(message);
            if (!result.IsSuccess) throw new InvalidOperationException($"Publish refused: {result.ReasonCode} {result.ReasonString}");
        }
        finally
        {
            window.Release();
        }
    }

    public static byte[] CountPayload(long seq, DateTimeOffset ts) =>
        Encoding.UTF8.GetBytes($"{{\"ts\":\"{ts:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"seq\":{seq},\"good\":3,\"scrap\":0,\"product\":\"sku-1\",\"note\":\"{new string('x', 90)}\"}}");
}

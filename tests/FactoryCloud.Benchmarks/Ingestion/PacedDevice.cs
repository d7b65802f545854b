using MQTTnet;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// One device publishing at a paced rate, as real ones do: each tick adds its share to what it owes; it sends what it
/// owes only when its previous send was acknowledged (so it never queues more than a window of publishes), and owes
/// at most a second's worth (an old reading a device could not send is replaced by a newer one). A send that fails
/// (the connection dropped) is sent again with the same sequence numbers after reconnecting, as a QoS 1 device
/// redelivers; the product applies each sequence number once.
/// </summary>
internal sealed class PacedDevice : IDisposable
{
    private readonly int _port;
    private readonly DeviceCredentials _credentials;
    private readonly string _topic;
    private readonly DateTimeOffset _timestamp;
    private IMqttClient _client;
    private long _nextSequence;
    private double _owed;
    private Task _sending = Task.CompletedTask;
    private long _acknowledged, _offered, _reconnects;

    private PacedDevice(IMqttClient client, int port, DeviceCredentials credentials, string topic, DateTimeOffset timestamp, long firstSequence) =>
        (_client, _port, _credentials, _topic, _timestamp, _nextSequence) = (client, port, credentials, topic, timestamp, firstSequence);

    public static async Task<PacedDevice> ConnectAsync(int port, DeviceCredentials credentials, string topic, DateTimeOffset timestamp, long firstSequence) =>
        new(await OutsidePublishersBenchmark.ConnectAsync(port, credentials), port, credentials, topic, timestamp, firstSequence);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Offered => _offered;
    public long Reconnects => Interlocked.Read(ref _reconnects);

    public void Tick(double share, double mostOwed)
    {
        _owed = Math.Min(_owed + share, mostOwed);
        if (!_sending.IsCompleted) return;
        var count = (int)_owed;
        if (count == 0) return;
        _owed -= count;
        var first = _nextSequence;
        _nextSequence += count;
        _offered += count;
        _sending = SendAsync(first, count);
    }

    public Task FinishAsync() => _sending;

    private async Task SendAsync(long first, int count)
    {
        while (true)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                    _client.Dispose();
                    _client = await OutsidePublishersBenchmark.ConnectAsync(_port, _credentials);
                }
                await Publisher.PublishAsync(_client, Enumerable.Range(0, count).Select(i => (_topic, Publisher.CountPayload(first + i, _timestamp))));
                Interlocked.Add(ref _acknowledged, count);
                return;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public void Dispose() => _client.Dispose();
}

using System.Collections.Concurrent;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>
/// Counts the deliveries this receiver has seen per message id, for brokers that flag a redelivery without counting
/// it (RabbitMQ classic queues). A count lives as long as the receiver; after a restart it starts again, so on such
/// brokers a poison message may be delivered up to MaxDeliveryCount more times. Entries go when a message is settled
/// for good; the map is cleared if it ever outgrows <see cref="Capacity"/> (only abandoned messages accumulate).
/// </summary>
internal sealed class DeliveryCountTracker
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Records a delivery and returns the deliveries seen so far, this one included.</summary>
    public int RecordDelivery(string messageId, bool firstDelivery)
    {
        if (messageId.Length == 0)
            return 1;
        if (_counts.Count >= Capacity)
            _counts.Clear();
        return firstDelivery ? _counts[messageId] = 1 : _counts.AddOrUpdate(messageId, 1, static (_, seen) => seen + 1);
    }

    public void Forget(string messageId) => _counts.TryRemove(messageId, out _);
}

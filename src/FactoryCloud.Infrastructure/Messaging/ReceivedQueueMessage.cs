namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>
/// A message received in peek-lock mode: it stays locked to the receiver until it is completed, abandoned or
/// dead-lettered through the <see cref="ITelemetryQueueReceiver"/> that returned it.
/// </summary>
public sealed class ReceivedQueueMessage
{
    internal ReceivedQueueMessage(string messageId, string partitionKey, ReadOnlyMemory<byte> body, string contentType, int deliveryCount, object lockHandle)
    {
        MessageId = messageId;
        PartitionKey = partitionKey;
        Body = body;
        ContentType = contentType;
        DeliveryCount = deliveryCount;
        LockHandle = lockHandle;
    }

    public string MessageId { get; }

    /// <summary>The machine id (see <see cref="QueueMessage.PartitionKey"/>).</summary>
    public string PartitionKey { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string ContentType { get; }

    /// <summary>1 on the first delivery; each abandon or lost lock adds one.</summary>
    public int DeliveryCount { get; }

    /// <summary>The transport's handle for settling this delivery; only the receiver that created it understands it.</summary>
    internal object LockHandle { get; }

    public override string ToString() => $"{MessageId} (partition {PartitionKey}, delivery {DeliveryCount})";
}

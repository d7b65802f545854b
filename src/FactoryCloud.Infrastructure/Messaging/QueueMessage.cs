namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>A telemetry message to enqueue.</summary>
/// <param name="MessageId">Unique per message; the broker's duplicate detection (Service Bus) and the processor's idempotency key.</param>
/// <param name="PartitionKey">
/// The machine id. Carried as the Service Bus SessionId/AMQP group-id and partition key, so that one machine's messages
/// stay in one partition and, on a session-enabled queue, in order.
/// </param>
/// <param name="Body">The payload, sent as an AMQP data section.</param>
/// <param name="ContentType">MIME type of <paramref name="Body"/>.</param>
public sealed record QueueMessage(string MessageId, string PartitionKey, ReadOnlyMemory<byte> Body, string ContentType = "application/json")
{
    /// <summary>Service Bus limits message and session ids to 128 characters.</summary>
    public const int MaxIdLength = 128;

    internal static void Validate(IReadOnlyList<QueueMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i] ?? throw new ArgumentException($"Message {i} of the batch is null.", nameof(batch));
            if (!IsValidId(message.MessageId) || !IsValidId(message.PartitionKey))
                throw new ArgumentException($"Message {i} of the batch: MessageId and PartitionKey must be 1 to {MaxIdLength} characters.", nameof(batch));
        }
    }

    private static bool IsValidId(string value) => !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength;
}

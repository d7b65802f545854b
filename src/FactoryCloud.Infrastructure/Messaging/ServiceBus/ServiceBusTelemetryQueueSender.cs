using Azure.Messaging.ServiceBus;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// Sends telemetry through <see cref="ServiceBusSender"/>: MessageId for the queue's duplicate detection, SessionId =
/// the machine id. Each machine's messages go in order, in as few size-checked batches as fit; machines in parallel.
/// </summary>
public sealed class ServiceBusTelemetryQueueSender(ServiceBusClient client, QueueOptions options) : ITelemetryQueueSender, IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(options.QueueName);

    public async Task SendAsync(IReadOnlyList<QueueMessage> batch, CancellationToken cancellationToken)
    {
        QueueMessage.Validate(batch);
        if (batch.Count == 0)
            return;
        try
        {
            await Task.WhenAll(batch.GroupBy(m => m.PartitionKey, StringComparer.Ordinal).Select(session => SendSessionAsync([.. session], cancellationToken)));
        }
        catch (Exception e) when (e is ServiceBusException or UnauthorizedAccessException)
        {
            throw new TelemetryQueueException($"Queue '{options.QueueName}' did not accept a batch of {batch.Count} messages ({(e as ServiceBusException)?.Reason.ToString() ?? "Unauthorized"}): {e.Message}. Do not acknowledge them.", e);
        }
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();

    private async Task SendSessionAsync(QueueMessage[] messages, CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < messages.Length)
        {
            using var batch = await _sender.CreateMessageBatchAsync(cancellationToken);
            while (next < messages.Length && batch.TryAddMessage(ToServiceBus(messages[next])))
                next++;
            if (batch.Count == 0)
                throw new TelemetryQueueException($"Message {messages[next].MessageId} ({messages[next].Body.Length} bytes) exceeds the largest message queue '{options.QueueName}' takes ({batch.MaxSizeInBytes} bytes).");
            await _sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    private static ServiceBusMessage ToServiceBus(QueueMessage message) => new(BinaryData.FromBytes(message.Body))
    {
        MessageId = message.MessageId,
        SessionId = message.PartitionKey,
        ContentType = message.ContentType,
    };
}

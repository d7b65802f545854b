namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>
/// Receives telemetry in peek-lock mode: every received message must be settled with exactly one of
/// <see cref="CompleteAsync"/>, <see cref="AbandonAsync"/> or <see cref="DeadLetterAsync"/>. A message that is never
/// settled (the receiver is disposed or the process dies) is delivered again, so processing must be idempotent.
/// </summary>
public interface ITelemetryQueueReceiver
{
    /// <summary>
    /// Waits up to <paramref name="maxWait"/> for the first message, then returns it together with whatever else is
    /// already available, up to <paramref name="maxMessages"/>. An empty list means nothing arrived in time.
    /// Messages that have reached the maximum delivery count are dead-lettered here instead of being returned.
    /// </summary>
    Task<IReadOnlyList<ReceivedQueueMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Removes the message from the queue: it has been processed.</summary>
    Task CompleteAsync(ReceivedQueueMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the message back for another delivery with <see cref="ReceivedQueueMessage.DeliveryCount"/> + 1, or
    /// dead-letters it (<see cref="DeadLetterReasons.MaxDeliveryCountExceeded"/>) if this was the last allowed delivery.
    /// </summary>
    Task AbandonAsync(ReceivedQueueMessage message, CancellationToken cancellationToken);

    /// <summary>Moves the message to the dead-letter queue with a reason (and optional description) for operators.</summary>
    Task DeadLetterAsync(ReceivedQueueMessage message, string reason, string? description, CancellationToken cancellationToken);
}

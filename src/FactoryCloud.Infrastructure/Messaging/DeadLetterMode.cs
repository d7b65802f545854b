namespace FactoryCloud.Infrastructure.Messaging;

public enum DeadLetterMode
{
    /// <summary>
    /// Settle with the <c>rejected</c> outcome, condition <c>com.microsoft:dead-letter</c> and DeadLetterReason /
    /// DeadLetterErrorDescription: Service Bus moves the message to its dead-letter sub-queue.
    /// (RabbitMQ drops a rejected message unless a dead-letter policy routes it.)
    /// </summary>
    Broker,

    /// <summary>
    /// Send a copy (with DeadLetterReason / DeadLetterErrorDescription application properties) to
    /// <see cref="ServiceBusQueueOptions.DeadLetterQueueName"/>, then accept the original: for brokers without
    /// Service Bus dead-lettering, such as RabbitMQ.
    /// </summary>
    Forward,
}

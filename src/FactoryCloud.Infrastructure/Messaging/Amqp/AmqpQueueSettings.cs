namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary><see cref="QueueOptions"/> with every default resolved for one endpoint.</summary>
internal sealed record AmqpQueueSettings(
    AmqpEndpoint Endpoint,
    string QueueName,
    string DeadLetterQueueName,
    int MaxDeliveryCount,
    int PrefetchCount,
    TimeSpan OperationTimeout)
{
    public static AmqpQueueSettings From(QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Amqp.Validate();
        var amqp = options.Amqp;
        return new AmqpQueueSettings(
            AmqpEndpoint.Parse(amqp.ConnectionString!),
            options.QueueName,
            string.IsNullOrWhiteSpace(amqp.DeadLetterQueueName) ? options.QueueName + "-deadletter" : amqp.DeadLetterQueueName,
            options.MaxDeliveryCount,
            amqp.PrefetchCount,
            amqp.OperationTimeout);
    }

    /// <summary>The AMQP node address of a queue on RabbitMQ's AMQP 1.0 plugin.</summary>
    public static string AddressOf(string queueName) => "/queue/" + queueName;
}

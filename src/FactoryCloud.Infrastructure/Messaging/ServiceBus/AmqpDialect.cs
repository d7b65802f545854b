namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>What the broker behind an AMQP 1.0 connection understands beyond the core protocol.</summary>
internal enum AmqpDialect
{
    /// <summary>Azure Service Bus (or its emulator): plain entity addresses, <c>$cbs</c>, <c>modified</c> abandons, dead-letter sub-queues.</summary>
    AzureServiceBus,

    /// <summary>
    /// RabbitMQ 3.x with rabbitmq_amqp1_0: <c>/queue/NAME</c> addresses (durable terminus = durable queue), no
    /// <c>$cbs</c>, the <c>modified</c> outcome ends the session, redeliveries are flagged (first-acquirer=false) but not counted.
    /// </summary>
    RabbitMq,
}

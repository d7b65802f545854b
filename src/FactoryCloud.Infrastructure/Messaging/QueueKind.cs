namespace FactoryCloud.Infrastructure.Messaging;

public enum QueueKind
{
    /// <summary>A bounded in-memory queue inside the process: the single-machine default.</summary>
    InProcess,

    /// <summary>Azure Service Bus, or RabbitMQ with its AMQP 1.0 plugin, over AMQP 1.0.</summary>
    ServiceBus,
}

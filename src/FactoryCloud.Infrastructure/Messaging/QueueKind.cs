namespace FactoryCloud.Infrastructure.Messaging;

public enum QueueKind
{
    /// <summary>
    /// The single-machine default: a durable inbox file in the process (<see cref="Pipeline.Inbox.TelemetryInbox"/>),
    /// processed in the same process.
    /// </summary>
    Inbox,

    /// <summary>
    /// A bounded in-memory queue (<see cref="InProcess.InProcessTelemetryQueue"/>), for tests of a processor. Not
    /// durable, so the telemetry pipeline never acknowledges devices through it: there it means <see cref="Inbox"/>
    /// (this was the embedded default's name before the inbox).
    /// </summary>
    InProcess,

    /// <summary>Azure Service Bus through the official SDK (Azure.Messaging.ServiceBus), session-enabled queue.</summary>
    ServiceBus,

    /// <summary>
    /// A generic AMQP 1.0 broker (AMQPNetLite): RabbitMQ with its AMQP 1.0 plugin for on-premises scale-out. No
    /// sessions, no <c>$cbs</c>: SASL PLAIN from the URI, and dead-letters forwarded to a queue of their own.
    /// </summary>
    Amqp,
}

public static class QueueKindExtensions
{
    /// <summary>A broker between processes (<see cref="QueueKind.ServiceBus"/> or <see cref="QueueKind.Amqp"/>): the ingress queues, a processor consumes.</summary>
    public static bool IsBroker(this QueueKind kind) => kind is QueueKind.ServiceBus or QueueKind.Amqp;
}

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

    /// <summary>Azure Service Bus, or RabbitMQ with its AMQP 1.0 plugin, over AMQP 1.0.</summary>
    ServiceBus,
}

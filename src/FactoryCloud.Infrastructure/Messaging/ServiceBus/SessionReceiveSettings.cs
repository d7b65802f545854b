namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>How the receiver takes sessions from a session-enabled queue, with every default resolved for one endpoint.</summary>
internal sealed record SessionReceiveSettings(int MaxConcurrentSessions, int CreditPerLink, TimeSpan IdleTimeout, TimeSpan ReleaseAfter, TimeSpan CloseAfter, TimeSpan AcceptWait)
{
    /// <summary>Null when the queue is received without sessions (the default for <c>amqp://</c> URIs).</summary>
    public static SessionReceiveSettings? From(QueueOptions options, AmqpEndpoint endpoint)
    {
        var serviceBus = options.ServiceBus;
        if (!(serviceBus.Sessions ?? endpoint.Dialect == AmqpDialect.AzureServiceBus))
            return null;
        var sessions = serviceBus.MaxConcurrentSessions;
        return new SessionReceiveSettings(
            sessions,
            // PrefetchCount stays the bound on locked messages: the links share it.
            Math.Max(1, (serviceBus.PrefetchCount + sessions - 1) / sessions),
            serviceBus.SessionIdleTimeout,
            serviceBus.SessionLockDuration / 2,
            serviceBus.SessionLockDuration * 3 / 4,
            serviceBus.OperationTimeout);
    }
}

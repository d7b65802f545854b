namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary><see cref="QueueOptions"/> with every default resolved for one endpoint.</summary>
internal sealed record AmqpQueueSettings(
    AmqpEndpoint Endpoint,
    string QueueName,
    string DeadLetterQueueName,
    DeadLetterMode DeadLetterMode,
    bool UseCbs,
    int MaxDeliveryCount,
    int PrefetchCount,
    TimeSpan OperationTimeout,
    TimeSpan TokenLifetime)
{
    public static AmqpQueueSettings From(QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var serviceBus = options.ServiceBus;
        var endpoint = AmqpEndpoint.Parse(serviceBus.EffectiveConnectionString ?? throw new InvalidOperationException("Queue:ServiceBus:ConnectionString is not set."));
        if (endpoint.EntityPath is { } entityPath && !entityPath.Equals(options.QueueName, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"The connection string's EntityPath '{entityPath}' differs from Queue:QueueName '{options.QueueName}'.");

        var isServiceBus = endpoint.Dialect == AmqpDialect.AzureServiceBus;
        return new AmqpQueueSettings(
            endpoint,
            options.QueueName,
            string.IsNullOrWhiteSpace(serviceBus.DeadLetterQueueName) ? options.QueueName + "-deadletter" : serviceBus.DeadLetterQueueName,
            serviceBus.DeadLetterMode ?? (isServiceBus ? DeadLetterMode.Broker : DeadLetterMode.Forward),
            serviceBus.UseCbs ?? (isServiceBus || serviceBus.Auth == ServiceBusAuth.ManagedIdentity),
            options.MaxDeliveryCount,
            serviceBus.PrefetchCount,
            serviceBus.OperationTimeout,
            serviceBus.TokenLifetime);
    }

    /// <summary>The AMQP node address of a queue.</summary>
    public string AddressOf(string queueName) => Endpoint.Dialect == AmqpDialect.RabbitMq ? "/queue/" + queueName : queueName;

    /// <summary>The CBS audience (and SAS resource) of a queue: <c>sb://host/queue</c>; a namespace is identified by its host, not the port.</summary>
    public string AudienceOf(string queueName) => $"sb://{Endpoint.Host}/{queueName}";

    /// <summary>
    /// The token provider for CBS: the one given (e.g. Entra ID tokens), else SAS tokens from the connection string's key;
    /// null when the connection authenticates with SASL PLAIN instead.
    /// </summary>
    public IAmqpTokenProvider? ResolveTokenProvider(IAmqpTokenProvider? given, TimeProvider timeProvider)
    {
        if (!UseCbs)
            return null;
        if (given is not null)
            return given;
        if (Endpoint.UserName is null || Endpoint.Password is null)
            throw new InvalidOperationException("Queue:ServiceBus:UseCbs needs SharedAccessKeyName and SharedAccessKey in the connection string, or a registered IAmqpTokenProvider.");
        return new SharedAccessSignatureTokenProvider(Endpoint.UserName, Endpoint.Password, TokenLifetime, timeProvider);
    }
}

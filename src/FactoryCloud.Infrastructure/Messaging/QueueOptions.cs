namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>The <c>Queue</c> configuration section.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    public QueueKind Kind { get; set; } = QueueKind.Inbox;

    public string QueueName { get; set; } = "telemetry";

    /// <summary>A message is delivered at most this many times; the next abandon dead-letters it.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    public InProcessQueueOptions InProcess { get; set; } = new();

    public ServiceBusQueueOptions ServiceBus { get; set; } = new();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(QueueName))
            throw Invalid("Queue:QueueName must not be empty.");
        if (MaxDeliveryCount < 1)
            throw Invalid("Queue:MaxDeliveryCount must be at least 1.");
        if (InProcess.Capacity < 1)
            throw Invalid("Queue:InProcess:Capacity must be at least 1.");
        if (Kind != QueueKind.ServiceBus)
            return;
        var hasConnectionString = !string.IsNullOrWhiteSpace(ServiceBus.ConnectionString);
        var hasNamespace = !string.IsNullOrWhiteSpace(ServiceBus.Namespace);
        if (!hasConnectionString && !hasNamespace)
            throw Invalid("Queue:Kind is ServiceBus but neither Queue:ServiceBus:ConnectionString nor Queue:ServiceBus:Namespace is set.");
        if (hasConnectionString && hasNamespace)
            throw Invalid("Queue:ServiceBus:ConnectionString and Queue:ServiceBus:Namespace are both set; set one.");
        if (hasNamespace && ServiceBus.Auth != ServiceBusAuth.ManagedIdentity)
            throw Invalid("Queue:ServiceBus:Namespace needs Queue:ServiceBus:Auth=ManagedIdentity (a namespace alone carries no key).");
        if (ServiceBus.Auth == ServiceBusAuth.ManagedIdentity && ServiceBus.UseCbs == false)
            throw Invalid("Queue:ServiceBus:Auth=ManagedIdentity authorizes through $cbs; Queue:ServiceBus:UseCbs must not be false.");
        if (ServiceBus.Auth == ServiceBusAuth.ManagedIdentity && hasConnectionString
            && ServiceBus.ConnectionString!.Contains("SharedAccessKey=", StringComparison.OrdinalIgnoreCase))
            throw Invalid("Queue:ServiceBus:Auth=ManagedIdentity but Queue:ServiceBus:ConnectionString holds a SharedAccessKey; remove the key or use Auth=SharedAccessKey.");
        if (ServiceBus.PrefetchCount < 1)
            throw Invalid("Queue:ServiceBus:PrefetchCount must be at least 1.");
        if (ServiceBus.OperationTimeout <= TimeSpan.Zero)
            throw Invalid("Queue:ServiceBus:OperationTimeout must be positive.");
        if (ServiceBus.TokenLifetime < TimeSpan.FromSeconds(2))
            throw Invalid("Queue:ServiceBus:TokenLifetime must be at least 2 seconds.");
        if (ServiceBus.MaxConcurrentSessions is < 1 or > ServiceBusQueueOptions.MaxSessionLinks)
            throw Invalid($"Queue:ServiceBus:MaxConcurrentSessions must be between 1 and {ServiceBusQueueOptions.MaxSessionLinks}.");
        if (ServiceBus.SessionIdleTimeout <= TimeSpan.Zero)
            throw Invalid("Queue:ServiceBus:SessionIdleTimeout must be positive.");
        if (ServiceBus.SessionLockDuration < TimeSpan.FromSeconds(2))
            throw Invalid("Queue:ServiceBus:SessionLockDuration must be at least 2 seconds (the queue's lockDuration; Service Bus allows 5 s to 5 min).");
    }

    private static Configuration.InvalidSettingException Invalid(string message) => new(message);
}

public sealed class InProcessQueueOptions
{
    /// <summary>Messages waiting to be received; a full queue makes senders wait.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>Dead-lettered messages kept for inspection; older ones are dropped.</summary>
    public int DeadLetterCapacity { get; set; } = 10_000;
}

public enum ServiceBusAuth
{
    /// <summary>The key in the connection string: SAS tokens on Service Bus, SASL PLAIN on RabbitMQ.</summary>
    SharedAccessKey,

    /// <summary>Microsoft Entra ID tokens from Azure.Identity (<c>DefaultAzureCredential</c>: the managed identity in Azure), put to <c>$cbs</c> as <c>jwt</c>.</summary>
    ManagedIdentity,
}

public sealed class ServiceBusQueueOptions
{
    /// <summary>
    /// <c>Endpoint=sb://host[:port]/;SharedAccessKeyName=...;SharedAccessKey=...</c> (Azure Service Bus; add
    /// <c>UseDevelopmentEmulator=true</c> for plain AMQP without TLS), or <c>amqp[s]://user:password@host:port</c>
    /// (RabbitMQ with the AMQP 1.0 plugin: addresses <c>/queue/NAME</c>, SASL PLAIN).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Instead of a connection string: the namespace host (<c>name.servicebus.windows.net</c>), with
    /// <see cref="Auth"/> = <see cref="ServiceBusAuth.ManagedIdentity"/>.
    /// </summary>
    public string? Namespace { get; set; }

    /// <summary>How the AMQP connection is authorized: the connection string's key (SAS, or SASL PLAIN for RabbitMQ), or Entra ID tokens.</summary>
    public ServiceBusAuth Auth { get; set; } = ServiceBusAuth.SharedAccessKey;

    /// <summary>The connection string to parse: the one given, or one built from <see cref="Namespace"/>.</summary>
    public string? EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(Namespace) ? ConnectionString : $"Endpoint=sb://{Namespace.Trim()}/";

    /// <summary>
    /// Authorize with claims-based security (a token put to <c>$cbs</c>) instead of SASL PLAIN. Defaults to true for
    /// <c>Endpoint=sb://</c> connection strings and false for <c>amqp://</c> URIs (RabbitMQ has no <c>$cbs</c>).
    /// </summary>
    public bool? UseCbs { get; set; }

    /// <summary>Defaults to <see cref="Messaging.DeadLetterMode.Broker"/> for Service Bus and <see cref="Messaging.DeadLetterMode.Forward"/> for <c>amqp://</c> URIs.</summary>
    public DeadLetterMode? DeadLetterMode { get; set; }

    /// <summary>Target of <see cref="Messaging.DeadLetterMode.Forward"/>; defaults to <c>&lt;QueueName&gt;-deadletter</c>.</summary>
    public string? DeadLetterQueueName { get; set; }

    /// <summary>
    /// Link credit of the receiver: the most messages buffered or handed out and not yet settled. Buffered messages
    /// are locked to this receiver, so keep it near the processor's batch size.
    /// </summary>
    public int PrefetchCount { get; set; } = 500;

    /// <summary>Limit for connecting, attaching links, a put-token round trip and the broker's acceptance of a batch.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of the SAS tokens put to <c>$cbs</c>; each is renewed at 80 % of its lifetime.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound of <see cref="MaxConcurrentSessions"/>: each link has its own AMQP session, and AMQPNetLite opens at most 256 per connection by default.</summary>
    public const int MaxSessionLinks = 200;

    /// <summary>
    /// Receive from a session-enabled queue (<c>requiresSession</c>): accept sessions (one per machine) instead of
    /// attaching a plain receiver, which Service Bus refuses on such a queue. Defaults to true for <c>Endpoint=sb://</c>
    /// connection strings and false for <c>amqp://</c> URIs (RabbitMQ has no sessions).
    /// </summary>
    public bool? Sessions { get; set; }

    /// <summary>Sessions held at once, one receiver link each; <see cref="PrefetchCount"/> is shared among them.</summary>
    public int MaxConcurrentSessions { get; set; } = 8;

    /// <summary>A session that delivers nothing for this long is released (once its messages are settled) for the next one.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The queue's <c>lockDuration</c>, which is also the session lock. A session is released after half of it and its
    /// link closed by three quarters at the latest, so the lock never has to be renewed.
    /// </summary>
    public TimeSpan SessionLockDuration { get; set; } = TimeSpan.FromMinutes(1);
}

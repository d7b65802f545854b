namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>The <c>Queue</c> configuration section.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    public QueueKind Kind { get; set; } = QueueKind.Inbox;

    public string QueueName { get; set; } = "telemetry";

    /// <summary>
    /// A message is delivered at most this many times; the next abandon dead-letters it. On Service Bus keep it at
    /// or below the queue's own <c>maxDeliveryCount</c> (infra/modules/servicebus.bicep), which dead-letters too.
    /// </summary>
    public int MaxDeliveryCount { get; set; } = 10;

    public InProcessQueueOptions InProcess { get; set; } = new();

    public ServiceBusQueueOptions ServiceBus { get; set; } = new();

    public AmqpQueueOptions Amqp { get; set; } = new();

    /// <summary>Throws <see cref="Configuration.InvalidSettingException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
            throw Invalid($"Queue:Kind must be one of {string.Join(", ", Enum.GetNames<QueueKind>())}.");
        if (string.IsNullOrWhiteSpace(QueueName))
            throw Invalid("Queue:QueueName must not be empty.");
        if (MaxDeliveryCount < 1)
            throw Invalid("Queue:MaxDeliveryCount must be at least 1.");
        if (InProcess.Capacity < 1)
            throw Invalid("Queue:InProcess:Capacity must be at least 1.");
        if (Kind == QueueKind.ServiceBus)
            ServiceBus.Validate();
        else if (Kind == QueueKind.Amqp)
            Amqp.Validate();
    }

    internal static Configuration.InvalidSettingException Invalid(string message) => new(message);
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
    /// <summary>The shared access key in the connection string (the SDK puts SAS tokens to <c>$cbs</c> and renews them).</summary>
    SharedAccessKey,

    /// <summary>
    /// Microsoft Entra ID tokens: a registered <see cref="Azure.Core.TokenCredential"/> if there is one, else
    /// <c>DefaultAzureCredential</c> (the managed identity in Azure; <c>AZURE_CLIENT_ID</c> picks one of several).
    /// </summary>
    ManagedIdentity,
}

/// <summary>The <c>Queue:ServiceBus</c> section: Azure Service Bus through Azure.Messaging.ServiceBus.</summary>
public sealed class ServiceBusQueueOptions
{
    /// <summary>
    /// <c>Endpoint=sb://NS.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...</c>. With
    /// <c>UseDevelopmentEmulator=true</c> the SDK speaks plain AMQP (no TLS) to the host and port given (default 5672).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Instead of a connection string: the namespace host (<c>name.servicebus.windows.net</c>), with <see cref="Auth"/> = <see cref="ServiceBusAuth.ManagedIdentity"/>.</summary>
    public string? Namespace { get; set; }

    public ServiceBusAuth Auth { get; set; } = ServiceBusAuth.SharedAccessKey;

    /// <summary>
    /// Messages each accepted session fetches ahead of the processor. Default 0: a session is one machine whose
    /// messages are handed out one at a time, and every prefetched message is locked with its session, so each time a
    /// session link closes (idle, a restart) all of them come back with their delivery count raised. With 10 the
    /// reliability test saw queue messages reach the maximum delivery count and be dead-lettered after one processor
    /// kill and 44 session hand-overs, without ever failing to store.
    /// </summary>
    public int PrefetchCount { get; set; }

    /// <summary>Sessions (machines) held at once by one processor instance; the queue's messages of other machines wait for a free slot.</summary>
    public int MaxConcurrentSessions { get; set; } = 32;

    /// <summary>A held session that delivers nothing for this long is closed and the slot accepts the next one.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The SDK's per-try timeout (connect, attach, send, settle); it retries with back-off within three tries.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasNamespace = !string.IsNullOrWhiteSpace(Namespace);
        if (!hasConnectionString && !hasNamespace)
            throw QueueOptions.Invalid("Queue:Kind is ServiceBus but neither Queue:ServiceBus:ConnectionString nor Queue:ServiceBus:Namespace is set.");
        if (hasConnectionString && hasNamespace)
            throw QueueOptions.Invalid("Queue:ServiceBus:ConnectionString and Queue:ServiceBus:Namespace are both set; set one.");
        if (hasNamespace && Auth != ServiceBusAuth.ManagedIdentity)
            throw QueueOptions.Invalid("Queue:ServiceBus:Namespace needs Queue:ServiceBus:Auth=ManagedIdentity (a namespace alone carries no key).");
        if (hasConnectionString && !ConnectionString!.TrimStart().StartsWith("Endpoint=", StringComparison.OrdinalIgnoreCase))
            throw QueueOptions.Invalid("Queue:ServiceBus:ConnectionString must be a Service Bus connection string (Endpoint=sb://...); for RabbitMQ set Queue:Kind=Amqp and Queue:Amqp:ConnectionString.");
        if (Auth == ServiceBusAuth.ManagedIdentity && hasConnectionString
            && ConnectionString!.Contains("SharedAccessKey=", StringComparison.OrdinalIgnoreCase))
            throw QueueOptions.Invalid("Queue:ServiceBus:Auth=ManagedIdentity but Queue:ServiceBus:ConnectionString holds a SharedAccessKey; remove the key or use Auth=SharedAccessKey.");
        if (Auth == ServiceBusAuth.SharedAccessKey && hasConnectionString
            && !ConnectionString!.Contains("SharedAccessKey=", StringComparison.OrdinalIgnoreCase)
            && !ConnectionString.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase))
            throw QueueOptions.Invalid("Queue:ServiceBus:ConnectionString has no SharedAccessKey (or SharedAccessSignature); add one or use Auth=ManagedIdentity.");
        if (PrefetchCount < 0)
            throw QueueOptions.Invalid("Queue:ServiceBus:PrefetchCount must not be negative.");
        if (MaxConcurrentSessions < 1)
            throw QueueOptions.Invalid("Queue:ServiceBus:MaxConcurrentSessions must be at least 1.");
        if (SessionIdleTimeout <= TimeSpan.Zero)
            throw QueueOptions.Invalid("Queue:ServiceBus:SessionIdleTimeout must be positive.");
        if (OperationTimeout <= TimeSpan.Zero)
            throw QueueOptions.Invalid("Queue:ServiceBus:OperationTimeout must be positive.");
    }
}

/// <summary>The <c>Queue:Amqp</c> section: a generic AMQP 1.0 broker (RabbitMQ's AMQP 1.0 plugin).</summary>
public sealed class AmqpQueueOptions
{
    /// <summary><c>amqp[s]://user:password@host[:port]</c>; addresses are <c>/queue/NAME</c>, authentication SASL PLAIN.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where dead-lettered messages are forwarded (with DeadLetterReason / DeadLetterErrorDescription); defaults to <c>&lt;QueueName&gt;-deadletter</c>.</summary>
    public string? DeadLetterQueueName { get; set; }

    /// <summary>
    /// Link credit of the receiver: the most messages buffered or handed out and not yet settled. Buffered messages
    /// are locked to this receiver, so keep it near the processor's batch size.
    /// </summary>
    public int PrefetchCount { get; set; } = 500;

    /// <summary>Limit for connecting, attaching links and the broker's acceptance of a batch.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw QueueOptions.Invalid("Queue:Kind is Amqp but Queue:Amqp:ConnectionString is not set.");
        if (!Uri.TryCreate(ConnectionString.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
            throw QueueOptions.Invalid("Queue:Amqp:ConnectionString must be an amqp[s]://user:password@host[:port] URI; for Azure Service Bus set Queue:Kind=ServiceBus.");
        if (PrefetchCount < 1)
            throw QueueOptions.Invalid("Queue:Amqp:PrefetchCount must be at least 1.");
        if (OperationTimeout <= TimeSpan.Zero)
            throw QueueOptions.Invalid("Queue:Amqp:OperationTimeout must be positive.");
    }
}

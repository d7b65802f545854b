using System.Threading.Channels;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// Receives telemetry from a session-enabled queue through <see cref="ServiceBusSessionProcessor"/> (peek-lock, no
/// auto-complete): the processor accepts up to <see cref="ServiceBusQueueOptions.MaxConcurrentSessions"/> sessions
/// (machines), renews their locks and moves on from idle ones; this class turns its callbacks into the pull-style
/// <see cref="ITelemetryQueueReceiver"/>. Each session hands over one message at a time and waits until it is
/// settled, so a machine's messages are stored in order; settling goes through the processor's event args, on the
/// session's link.
/// </summary>
public sealed class ServiceBusTelemetryQueueReceiver : ITelemetryQueueReceiver, IAsyncDisposable
{
    /// <summary>Service Bus refuses a longer DeadLetterReason or DeadLetterErrorDescription.</summary>
    private const int MaxDeadLetterTextLength = 4096;

    private readonly ServiceBusSessionProcessor _processor;
    private readonly QueueOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<ReceivedQueueMessage> _ready = Channel.CreateUnbounded<ReceivedQueueMessage>();
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private Exception? _failure;
    private int _disposed;

    public ServiceBusTelemetryQueueReceiver(ServiceBusClient client, QueueOptions options, ILogger<ServiceBusTelemetryQueueReceiver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<ServiceBusTelemetryQueueReceiver>.Instance;
        _processor = client.CreateSessionProcessor(options.QueueName, new ServiceBusSessionProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            AutoCompleteMessages = false,
            MaxConcurrentSessions = options.ServiceBus.MaxConcurrentSessions,
            MaxConcurrentCallsPerSession = 1,
            PrefetchCount = options.ServiceBus.PrefetchCount,
            SessionIdleTimeout = options.ServiceBus.SessionIdleTimeout,
        });
        _processor.ProcessMessageAsync += OnMessageAsync;
        _processor.ProcessErrorAsync += OnErrorAsync;
    }

    public async Task<IReadOnlyList<ReceivedQueueMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await StartAsync(cancellationToken);

        var received = new List<ReceivedQueueMessage>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maxWait);
        try
        {
            while (received.Count < maxMessages)
            {
                if (_ready.Reader.TryRead(out var message))
                {
                    // Its handler gave up (the processor is stopping or lost the session): the broker delivers it again.
                    if (!Delivery.Of(message).IsCancelled)
                        received.Add(message);
                    continue;
                }

                if (received.Count > 0 || !await _ready.Reader.WaitToReadAsync(wait.Token))
                    break;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // maxWait elapsed.
        }

        if (received.Count == 0 && Interlocked.Exchange(ref _failure, null) is { } failure)
            throw new TelemetryQueueException($"Receiving from queue '{_options.QueueName}' failed: {failure.Message}", failure);
        return received;
    }

    public Task CompleteAsync(ReceivedQueueMessage message, CancellationToken cancellationToken) =>
        SettleAsync(message, (args, m) => args.CompleteMessageAsync(m, cancellationToken));

    public Task AbandonAsync(ReceivedQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.DeliveryCount >= _options.MaxDeliveryCount
            ? DeadLetterAsync(message, DeadLetterReasons.MaxDeliveryCountExceeded, $"Abandoned on delivery {message.DeliveryCount} of at most {_options.MaxDeliveryCount}.", cancellationToken)
            : SettleAsync(message, (args, m) => args.AbandonMessageAsync(m, cancellationToken: cancellationToken));
    }

    public Task DeadLetterAsync(ReceivedQueueMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return SettleAsync(message, (args, m) => args.DeadLetterMessageAsync(m, Truncate(reason), Truncate(description), cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _ready.Writer.TryComplete();
        // Stopping cancels the handlers that wait for a settlement; their messages stay locked until the session
        // link closes, and then the broker delivers them again.
        await _processor.DisposeAsync();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_processor.IsProcessing)
            return;
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_processor.IsProcessing)
                return;
            await _processor.StartProcessingAsync(cancellationToken);
            _logger.LogInformation("Receiving sessions of queue {Queue} from {Namespace} (up to {Sessions} at once).",
                _options.QueueName, _processor.FullyQualifiedNamespace, _options.ServiceBus.MaxConcurrentSessions);
        }
        catch (Exception e) when (e is ServiceBusException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new TelemetryQueueException($"Starting to receive from queue '{_options.QueueName}' failed: {e.Message}", e);
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task OnMessageAsync(ProcessSessionMessageEventArgs args)
    {
        var message = args.Message;
        var delivery = new Delivery(this, args);
        if (message.DeliveryCount > _options.MaxDeliveryCount)
        {
            // Only when the queue's own maxDeliveryCount is higher than ours.
            await args.DeadLetterMessageAsync(message, DeadLetterReasons.MaxDeliveryCountExceeded,
                $"Delivered {message.DeliveryCount} times; at most {_options.MaxDeliveryCount} allowed.", args.CancellationToken);
            return;
        }

        var received = new ReceivedQueueMessage(message.MessageId, message.SessionId, message.Body.ToMemory(),
            message.ContentType ?? "application/octet-stream", message.DeliveryCount, delivery);
        if (!_ready.Writer.TryWrite(received))
            return;
        try
        {
            // Hold the session's turn until the message is settled: then the processor hands over its next one.
            await delivery.Settled.WaitAsync(args.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            delivery.Cancel();
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        // The processor retries on its own; a session that no one could accept in time is not a failure.
        if (args.Exception is ServiceBusException { Reason: ServiceBusFailureReason.ServiceTimeout })
            return Task.CompletedTask;
        _logger.LogWarning(args.Exception, "Service Bus {Source} on queue {Queue} failed; the processor retries.", args.ErrorSource, args.EntityPath);
        Volatile.Write(ref _failure, args.Exception);
        return Task.CompletedTask;
    }

    private async Task SettleAsync(ReceivedQueueMessage message, Func<ProcessSessionMessageEventArgs, ServiceBusReceivedMessage, Task> settle)
    {
        ArgumentNullException.ThrowIfNull(message);
        var delivery = Delivery.Of(message);
        if (delivery.Owner != this)
            throw new ArgumentException("The message was not received by this receiver.", nameof(message));
        if (!delivery.TryClaim())
            throw new InvalidOperationException($"Message {message.MessageId} has already been settled.");
        try
        {
            await settle(delivery.Args, delivery.Args.Message);
        }
        catch (Exception e) when (e is ServiceBusException or ObjectDisposedException or InvalidOperationException)
        {
            throw new TelemetryQueueException($"Settling message {message.MessageId} failed ({(e as ServiceBusException)?.Reason.ToString() ?? e.GetType().Name}); the broker delivers it again.", e);
        }
        finally
        {
            delivery.Release();
        }
    }

    private static string? Truncate(string? text) => text is { Length: > MaxDeadLetterTextLength } ? text[..MaxDeadLetterTextLength] : text;

    /// <summary>One handed-out message: its processor callback waits on <see cref="Settled"/>.</summary>
    private sealed class Delivery(ServiceBusTelemetryQueueReceiver owner, ProcessSessionMessageEventArgs args)
    {
        private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;
        private volatile bool _cancelled;

        public ServiceBusTelemetryQueueReceiver Owner { get; } = owner;

        public ProcessSessionMessageEventArgs Args { get; } = args;

        public Task Settled => _settled.Task;

        public bool IsCancelled => _cancelled;

        public static Delivery Of(ReceivedQueueMessage message) =>
            message.LockHandle as Delivery ?? throw new ArgumentException("The message was not received from Service Bus.", nameof(message));

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        public void Release() => _settled.TrySetResult();

        public void Cancel() => _cancelled = true;
    }
}

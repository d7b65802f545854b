using System.Threading.Channels;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>
/// Receives telemetry from a generic AMQP 1.0 broker (RabbitMQ's AMQP 1.0 plugin) in peek-lock mode: a receiver link
/// with at most <see cref="AmqpQueueOptions.PrefetchCount"/> unsettled deliveries, which stay unsettled until
/// completed (accepted), abandoned (released: RabbitMQ ends the session on modified) or dead-lettered (a copy
/// forwarded to <see cref="AmqpQueueOptions.DeadLetterQueueName"/>, then accepted). The maximum delivery count is
/// enforced here, because RabbitMQ does not count deliveries.
/// </summary>
/// <remarks>
/// Settlements are sent with receiver-settle-mode "first": they return once written, without a broker confirmation.
/// A message whose link was lost cannot be settled any more (<see cref="TelemetryQueueException"/>); the broker
/// delivers it again. Dispose the receiver when stopping: on RabbitMQ only the end of the link's session returns
/// unsettled messages to the queue.
/// </remarks>
public sealed class AmqpTelemetryQueueReceiver : ITelemetryQueueReceiver, IAsyncDisposable
{
    private const int MaxDeadLetterTextLength = 4096;

    private readonly AmqpQueueSettings _settings;
    private readonly AmqpConnectionScope _connection;
    private readonly DeliveryCountTracker _deliveryCounts = new();
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _linkGate = new(1, 1);
    private readonly SemaphoreSlim _forwardGate = new(1, 1);
    private ActiveLink? _active;
    private SenderLink? _deadLetterLink;
    private int _disposed;

    public AmqpTelemetryQueueReceiver(QueueOptions options, TimeProvider? timeProvider = null, ILogger<AmqpTelemetryQueueReceiver>? logger = null)
    {
        _settings = AmqpQueueSettings.From(options);
        _logger = logger ?? NullLogger<AmqpTelemetryQueueReceiver>.Instance;
        _connection = new AmqpConnectionScope(_settings, timeProvider ?? TimeProvider.System, _logger);
    }

    public async Task<IReadOnlyList<ReceivedQueueMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var active = await GetActiveLinkAsync(cancellationToken);
        var received = new List<ReceivedQueueMessage>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maxWait);
        try
        {
            while (received.Count < maxMessages)
            {
                if (active.Link.Receiver.IsClosed)
                    break;
                if (!active.Buffer.Reader.TryRead(out var message))
                {
                    if (received.Count > 0 || !await active.Buffer.Reader.WaitToReadAsync(wait.Token))
                        break;
                    continue;
                }

                if (await AdmitAsync(active.Link, message, cancellationToken) is { } admitted)
                    received.Add(admitted);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // maxWait elapsed.
        }
        catch (TelemetryQueueException) when (active.Link.Receiver.IsClosed)
        {
            // The link closed while waiting: handled below.
        }

        if (active.Link.Receiver.IsClosed)
        {
            await DropAsync(active);
            if (received.Count == 0)
                throw new TelemetryQueueException($"The receive link to queue '{_settings.QueueName}' on {_settings.Endpoint} was closed ({AmqpLinks.Describe(active.Link.Receiver.Error)}); the next receive reconnects.");
        }

        return received;
    }

    public Task CompleteAsync(ReceivedQueueMessage message, CancellationToken cancellationToken)
    {
        var delivery = Claim(message);
        Settle(delivery, receiver => receiver.Accept(delivery.Message));
        _deliveryCounts.Forget(delivery.MessageId);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(ReceivedQueueMessage message, CancellationToken cancellationToken)
    {
        var delivery = Claim(message);
        if (message.DeliveryCount >= _settings.MaxDeliveryCount)
            return DeadLetterCoreAsync(delivery, DeadLetterReasons.MaxDeliveryCountExceeded, $"Abandoned on delivery {message.DeliveryCount} of at most {_settings.MaxDeliveryCount}.", cancellationToken);

        Settle(delivery, receiver => receiver.Release(delivery.Message));
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedQueueMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DeadLetterCoreAsync(Claim(message), reason, description, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_active is { } active)
        {
            active.Buffer.Writer.TryComplete();
            // Detach first so that the broker stops sending, then end the session: RabbitMQ requeues unsettled messages only then.
            await AmqpLinks.CloseQuietlyAsync(active.Link.Receiver);
            await AmqpLinks.CloseQuietlyAsync(active.Link.Session);
        }

        await AmqpLinks.CloseQuietlyAsync(_deadLetterLink?.Session);
        await _connection.DisposeAsync();
    }

    /// <summary>Wraps a delivery for the caller, or dead-letters it here when it must not be processed again.</summary>
    private async Task<ReceivedQueueMessage?> AdmitAsync(ReceiveLink link, Message message, CancellationToken cancellationToken)
    {
        var messageId = AmqpMessageMapper.MessageIdOf(message);
        var deliveryCount = Math.Max(
            AmqpMessageMapper.BrokerDeliveryCountOf(message),
            _deliveryCounts.RecordDelivery(messageId, AmqpMessageMapper.IsFirstAcquirer(message)));
        var delivery = new Delivery(this, link, message, messageId);

        string? reason = null, description = null;
        if (deliveryCount > _settings.MaxDeliveryCount)
            (reason, description) = (DeadLetterReasons.MaxDeliveryCountExceeded, $"Delivered {deliveryCount} times; at most {_settings.MaxDeliveryCount} allowed.");
        else if (AmqpMessageMapper.TryGetBody(message, out var body))
            return new ReceivedQueueMessage(messageId, AmqpMessageMapper.PartitionKeyOf(message), body, AmqpMessageMapper.ContentTypeOf(message), deliveryCount, delivery);
        else
            (reason, description) = (DeadLetterReasons.UnsupportedBody, $"The AMQP body is a {message.Body?.GetType().Name ?? "null"}, not binary data or a string.");

        delivery.TryClaim();
        try
        {
            await DeadLetterCoreAsync(delivery, reason, description, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Give it back rather than keep it locked: the next delivery tries again.
            _logger.LogError(ex, "Dead-lettering message {MessageId} ({Reason}) failed; it is released for another attempt.", messageId, reason);
            TrySettle(link, r => r.Release(message));
        }

        return null;
    }

    private async Task DeadLetterCoreAsync(Delivery delivery, string reason, string? description, CancellationToken cancellationToken)
    {
        reason = Truncate(reason)!;
        description = Truncate(description);
        _deliveryCounts.Forget(delivery.MessageId);
        await ForwardToDeadLetterQueueAsync(delivery.Message, reason, description, cancellationToken);
        Settle(delivery, receiver => receiver.Accept(delivery.Message));
    }

    private async Task ForwardToDeadLetterQueueAsync(Message original, string reason, string? description, CancellationToken cancellationToken)
    {
        var properties = new ApplicationProperties();
        if (original.ApplicationProperties is { } originalProperties)
        {
            foreach (var (key, value) in originalProperties.Map)
                properties.Map[key] = value;
        }

        properties[AmqpMessageMapper.DeadLetterReasonProperty] = reason;
        if (description is not null)
            properties[AmqpMessageMapper.DeadLetterErrorDescriptionProperty] = description;
        var partitionKey = AmqpMessageMapper.PartitionKeyOf(original);
        var copy = new Message
        {
            Header = new Header { Durable = true },
            // Only the partition key: the broker's own x-opt-* annotations (lock, sequence number) must not travel.
            MessageAnnotations = partitionKey.Length > 0 ? new MessageAnnotations { [AmqpMessageMapper.PartitionKeyAnnotation] = partitionKey } : null,
            Properties = original.Properties,
            ApplicationProperties = properties,
            // A decoded data section may still point into the receive buffer: send a copy of the bytes.
            BodySection = original.BodySection is Data data ? new Data { Binary = data.Binary } : original.BodySection,
        };

        var link = await GetDeadLetterLinkAsync(cancellationToken);
        try
        {
            await link.SendAsync(copy, _settings.OperationTimeout).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException)
        {
            await AmqpLinks.CloseQuietlyAsync(link.Session);
            throw new TelemetryQueueException($"Forwarding a message to dead-letter queue '{_settings.DeadLetterQueueName}' failed: {ex.Message}", ex);
        }
    }

    private async Task<SenderLink> GetDeadLetterLinkAsync(CancellationToken cancellationToken)
    {
        await _forwardGate.WaitAsync(cancellationToken);
        try
        {
            if (_deadLetterLink is { IsClosed: false } open && !open.Session.IsClosed)
                return open;
            await AmqpLinks.CloseQuietlyAsync(_deadLetterLink?.Session);
            _deadLetterLink = null;
            var session = await _connection.OpenSessionAsync(cancellationToken);
            _deadLetterLink = await AmqpLinks.AttachSenderAsync(session, $"telemetry-deadletter-{Guid.NewGuid():N}", new Target
            {
                Address = AmqpQueueSettings.AddressOf(_settings.DeadLetterQueueName),
                Durable = 1,
            }, _settings.OperationTimeout, cancellationToken);
            return _deadLetterLink;
        }
        finally
        {
            _forwardGate.Release();
        }
    }

    private async Task<ActiveLink> GetActiveLinkAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _active) is { Link.Receiver.IsClosed: false } active)
            return active;

        await _linkGate.WaitAsync(cancellationToken);
        try
        {
            if (_active is { Link.Receiver.IsClosed: false })
                return _active;
            if (_active is not null)
                await AmqpLinks.CloseQuietlyAsync(_active.Link.Session);
            _active = null;

            var session = await _connection.OpenSessionAsync(cancellationToken);
            var linkName = $"telemetry-receiver-{Guid.NewGuid():N}";
            var source = new Source
            {
                Address = AmqpQueueSettings.AddressOf(_settings.QueueName),
                // As the sender declares it on RabbitMQ: a different durability is a declaration conflict.
                Durable = 1,
            };
            ReceiverLink receiver;
            try
            {
                receiver = await AmqpLinks.AttachReceiverAsync(session, linkName, source, new Target { Address = linkName }, _settings.OperationTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await AmqpLinks.CloseQuietlyAsync(session);
                await _connection.ResetAsync(session.Connection);
                throw;
            }

            var buffer = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleWriter = true });
            receiver.AddClosedCallback((_, error) => buffer.Writer.TryComplete(new TelemetryQueueException($"The receive link closed: {AmqpLinks.Describe(error)}")));
            var credit = new ReceiveCreditWindow(receiver, _settings.PrefetchCount);
            // Start with no credit (it only installs the callback); the window grants it by hand.
            receiver.Start(0, (_, message) =>
            {
                buffer.Writer.TryWrite(message);
                credit.OnDelivered();
            });
            credit.Open();
            _logger.LogInformation("Receiving from queue {Queue} at {Endpoint}.", _settings.QueueName, _settings.Endpoint);
            _active = new ActiveLink(new ReceiveLink(session, receiver, credit), buffer);
            return _active;
        }
        finally
        {
            _linkGate.Release();
        }
    }

    private async Task DropAsync(ActiveLink active)
    {
        await _linkGate.WaitAsync();
        try
        {
            if (_active == active)
                _active = null;
        }
        finally
        {
            _linkGate.Release();
        }

        _logger.LogWarning("The receive link to queue {Queue} closed ({Error}); the next receive reconnects.", _settings.QueueName, AmqpLinks.Describe(active.Link.Receiver.Error));
        await AmqpLinks.CloseQuietlyAsync(active.Link.Session);
        await _connection.ResetAsync(active.Link.Session.Connection.IsClosed ? active.Link.Session.Connection : null);
    }

    private Delivery Claim(ReceivedQueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.LockHandle is not Delivery delivery || delivery.Owner != this)
            throw new ArgumentException("The message was not received by this receiver.", nameof(message));
        if (!delivery.TryClaim())
            throw new InvalidOperationException($"Message {message.MessageId} has already been settled.");
        return delivery;
    }

    private static void Settle(Delivery delivery, Action<ReceiverLink> settle)
    {
        if (!TrySettle(delivery.Link, settle))
            throw new TelemetryQueueException($"The lock on message {delivery.MessageId} was lost with its link ({AmqpLinks.Describe(delivery.Link.Receiver.Error)}); the broker delivers it again.");
    }

    private static bool TrySettle(ReceiveLink link, Action<ReceiverLink> settle)
    {
        if (link.Receiver.IsClosed)
            return false;
        try
        {
            settle(link.Receiver);
            link.Credit.OnSettled();
            return true;
        }
        catch (Exception ex) when (ex is AmqpException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Truncate(string? text) => text is { Length: > MaxDeadLetterTextLength } ? text[..MaxDeadLetterTextLength] : text;

    private sealed record ActiveLink(ReceiveLink Link, Channel<Message> Buffer);

    private sealed class Delivery(AmqpTelemetryQueueReceiver owner, ReceiveLink link, Message message, string messageId)
    {
        private int _claimed;

        public AmqpTelemetryQueueReceiver Owner { get; } = owner;

        public ReceiveLink Link { get; } = link;

        public Message Message { get; } = message;

        public string MessageId { get; } = messageId;

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;
    }
}

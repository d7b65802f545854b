using System.Collections.Concurrent;
using System.Threading.Channels;

namespace FactoryCloud.Infrastructure.Messaging.InProcess;

/// <summary>
/// The embedded queue between the ingestion worker and the processor of one process, with Service Bus-like
/// peek-lock semantics: a received message is in flight until completed; abandon hands it out again with
/// <see cref="ReceivedQueueMessage.DeliveryCount"/> + 1, ahead of newer messages; the abandon of its
/// <see cref="QueueOptions.MaxDeliveryCount"/>-th delivery moves it to <see cref="DeadLetteredMessages"/>.
/// Senders wait while <see cref="InProcessQueueOptions.Capacity"/> messages are waiting to be received.
/// </summary>
/// <remarks>
/// Not durable: whatever is queued or in flight is lost when the process stops. That is acceptable only because, on
/// the embedded setup, the ingestion acknowledges a device's message after the processor has committed it to the
/// database (not when <see cref="SendAsync"/> returns), so the device resends anything lost in a restart.
/// </remarks>
public sealed class InProcessTelemetryQueue : ITelemetryQueueSender, ITelemetryQueueReceiver, IAsyncDisposable
{
    private readonly Channel<Delivery> _pending;
    // Unbounded, so that an abandon never waits for senders (a full queue would otherwise deadlock its own consumer).
    private readonly Channel<Delivery> _redeliveries = Channel.CreateUnbounded<Delivery>();
    private readonly ConcurrentDictionary<long, Delivery> _inFlight = new();
    private readonly ConcurrentQueue<DeadLetteredQueueMessage> _deadLetters = new();
    private readonly int _maxDeliveryCount;
    private readonly int _deadLetterCapacity;
    private readonly TimeProvider _timeProvider;
    private long _lastLockToken;
    private int _disposed;

    public InProcessTelemetryQueue(QueueOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _maxDeliveryCount = options.MaxDeliveryCount;
        _deadLetterCapacity = Math.Max(1, options.InProcess.DeadLetterCapacity);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _pending = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(options.InProcess.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Messages waiting to be received (new and abandoned).</summary>
    public int Count => _pending.Reader.Count + _redeliveries.Reader.Count;

    /// <summary>Messages received and not yet settled.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>The most recent dead-lettered messages, oldest first.</summary>
    public IReadOnlyList<DeadLetteredQueueMessage> DeadLetteredMessages => [.. _deadLetters];

    public async Task SendAsync(IReadOnlyList<QueueMessage> batch, CancellationToken cancellationToken)
    {
        QueueMessage.Validate(batch);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            foreach (var message in batch)
                await _pending.Writer.WriteAsync(new Delivery(message, 0), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(InProcessTelemetryQueue));
        }
    }

    public async Task<IReadOnlyList<ReceivedQueueMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);

        var received = new List<ReceivedQueueMessage>();
        TakeAvailable(received, maxMessages);
        if (received.Count > 0 || maxWait == TimeSpan.Zero)
            return received;

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maxWait);
        try
        {
            while (received.Count == 0)
            {
                var redelivery = _redeliveries.Reader.WaitToReadAsync(wait.Token).AsTask();
                var pending = _pending.Reader.WaitToReadAsync(wait.Token).AsTask();
                await Task.WhenAny(redelivery, pending);
                wait.Token.ThrowIfCancellationRequested();
                if (pending is { IsCompletedSuccessfully: true, Result: false })
                    break; // disposed
                TakeAvailable(received, maxMessages);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // maxWait elapsed.
        }
        finally
        {
            // Withdraws the wait that did not win, so that no reader stays registered with the channel.
            await wait.CancelAsync();
        }

        return received;
    }

    public Task CompleteAsync(ReceivedQueueMessage message, CancellationToken cancellationToken)
    {
        Unlock(message);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(ReceivedQueueMessage message, CancellationToken cancellationToken)
    {
        var delivery = Unlock(message);
        if (delivery.DeliveryCount >= _maxDeliveryCount)
            AddDeadLetter(delivery, DeadLetterReasons.MaxDeliveryCountExceeded, $"Abandoned on delivery {delivery.DeliveryCount} of at most {_maxDeliveryCount}.");
        else
            _redeliveries.Writer.TryWrite(delivery);
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedQueueMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        AddDeadLetter(Unlock(message), reason, description);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _pending.Writer.TryComplete();
            _redeliveries.Writer.TryComplete();
            _inFlight.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private void TakeAvailable(List<ReceivedQueueMessage> received, int maxMessages)
    {
        while (received.Count < maxMessages && (_redeliveries.Reader.TryRead(out var next) || _pending.Reader.TryRead(out next)))
        {
            var delivery = next with { DeliveryCount = next.DeliveryCount + 1 };
            var lockToken = Interlocked.Increment(ref _lastLockToken);
            _inFlight[lockToken] = delivery;
            var message = delivery.Message;
            received.Add(new ReceivedQueueMessage(message.MessageId, message.PartitionKey, message.Body, message.ContentType, delivery.DeliveryCount, new Lock(this, lockToken)));
        }
    }

    private Delivery Unlock(ReceivedQueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.LockHandle is not Lock handle || handle.Queue != this)
            throw new ArgumentException("The message was not received from this queue.", nameof(message));
        if (!_inFlight.TryRemove(handle.Token, out var delivery))
            throw new InvalidOperationException($"Message {message.MessageId} has already been settled.");
        return delivery;
    }

    private void AddDeadLetter(Delivery delivery, string reason, string? description)
    {
        _deadLetters.Enqueue(new DeadLetteredQueueMessage(delivery.Message, reason, description, delivery.DeliveryCount, _timeProvider.GetUtcNow()));
        while (_deadLetters.Count > _deadLetterCapacity && _deadLetters.TryDequeue(out _))
        {
        }
    }

    /// <param name="DeliveryCount">Deliveries so far: 0 while waiting for the first one.</param>
    private sealed record Delivery(QueueMessage Message, int DeliveryCount);

    private sealed record Lock(InProcessTelemetryQueue Queue, long Token);
}

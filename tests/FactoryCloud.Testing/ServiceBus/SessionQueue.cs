using System.Collections.Concurrent;
using System.Globalization;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace FactoryCloud.Testing.ServiceBus;

/// <summary>
/// The receive side of a session-enabled queue with duplicate detection, for <see cref="ServiceBusTestHost"/>. A
/// receiver attach without <c>com.microsoft:session-filter</c> is refused; a null filter gets the next session with
/// messages that no other link holds (waiting up to the link's <c>com.microsoft:timeout</c>, then refusing with that
/// condition); a named one gets that session if it is free. The granted session id goes into the filter of the
/// answering attach and its lock expiry into <c>com.microsoft:locked-until-utc</c>. A session link delivers only its
/// session's messages, in order, one lock token each; closing it releases the session, and what it left unsettled
/// returns in place with its delivery count + 1.
/// </summary>
public sealed class SessionQueue
{
    public static readonly Symbol SessionFilter = new("com.microsoft:session-filter");
    internal static readonly Symbol LockTokenAnnotation = new("x-opt-lock-token");
    private static readonly Symbol s_lockedUntil = new("x-opt-locked-until");
    private static readonly Symbol s_sequenceNumber = new("x-opt-sequence-number");
    private static readonly Symbol s_enqueuedTime = new("x-opt-enqueued-time");
    private static readonly Symbol s_lockedUntilUtc = new("com.microsoft:locked-until-utc");
    private static readonly Symbol s_timeout = new("com.microsoft:timeout");
    private static readonly Symbol s_deadLetterCondition = new("com.microsoft:dead-letter");
    private static readonly TimeSpan s_defaultAcceptWait = TimeSpan.FromSeconds(1);

    private readonly ServiceBusTestHost _host;
    private readonly TimeSpan _lockDuration;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<long, Stored>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldSession> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acceptedIds = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;

    internal SessionQueue(ServiceBusTestHost host, TimeSpan lockDuration)
    {
        _host = host;
        _lockDuration = lockDuration;
    }

    /// <summary>Messages the queue kept (a MessageId seen before is dropped), in arrival order.</summary>
    public ConcurrentQueue<Message> Accepted { get; } = new();

    /// <summary>Every settlement the clients sent: message id and outcome.</summary>
    public ConcurrentQueue<(string? MessageId, DeliveryState State)> Settlements { get; } = new();

    /// <summary>Completed message ids, in order.</summary>
    public ConcurrentQueue<string?> Completed { get; } = new();

    /// <summary>The dead-letter sub-queue: message id, DeadLetterReason, DeadLetterErrorDescription, deliveries.</summary>
    public ConcurrentQueue<DeadLetter> DeadLettered { get; } = new();

    /// <summary>Every receiver attach, in arrival order.</summary>
    public ConcurrentQueue<ReceiverAttach> Attaches { get; } = new();

    /// <summary>Sessions whose link closed, in order.</summary>
    public ConcurrentQueue<string> ReleasedSessions { get; } = new();

    /// <summary>Messages waiting or locked.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _pending.Values.Sum(p => p.Count) + _held.Values.Sum(h => h.InFlight.Count);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked on every change, and every 50 ms) or <paramref name="timeout"/> passes.</summary>
    public async Task<bool> WaitUntilAsync(Func<SessionQueue, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            Task changed;
            lock (_lock)
                changed = _changed.Task;
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                return false;
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, remaining.TotalMilliseconds)), cancellationToken));
        }

        return true;
    }

    /// <summary>Puts an encoded AMQP message into the queue, unless its MessageId was accepted before.</summary>
    public void Enqueue(byte[] encoded)
    {
        var message = Message.Decode(new ByteBuffer(encoded, 0, encoded.Length, encoded.Length));
        var messageId = Convert.ToString(message.Properties?.GetMessageId(), CultureInfo.InvariantCulture);
        lock (_lock)
        {
            if (messageId is not null && !_acceptedIds.Add(messageId))
                return;
            var stored = new Stored(++_sequence, messageId, message.Properties?.GroupId ?? string.Empty, encoded, DateTime.UtcNow);
            Put(stored);
        }

        Accepted.Enqueue(message);
        Signal();
    }

    internal DateTimeOffset? RenewSessionLock(string sessionId)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(sessionId, out var session))
                return null;
            session.LockedUntil = DateTime.UtcNow + _lockDuration;
            return session.LockedUntil;
        }
    }

    internal void Attach(AttachContext attachContext)
    {
        var source = (Source)attachContext.Attach.Source;
        if (source.FilterSet is not { } filters || !filters.TryGetValue(SessionFilter, out var requested))
        {
            Refuse(attachContext, new ReceiverAttach(false, null, null, "amqp:not-allowed"), new Error(ErrorCode.NotAllowed)
            {
                Description = "The queue requires sessions: a receiver must attach with the com.microsoft:session-filter.",
            });
            return;
        }

        var wait = attachContext.Attach.Properties?.TryGetValue(s_timeout, out var timeout) == true
            ? TimeSpan.FromMilliseconds(Convert.ToDouble(timeout, CultureInfo.InvariantCulture))
            : s_defaultAcceptWait;
        // A client may give up on the attach while it waits: then no session must be locked for it.
        var abandoned = new CancellationTokenSource();
        attachContext.Link.AddClosedCallback((_, _) => abandoned.Cancel());
        _ = AcceptAsync(attachContext, filters, requested as string, wait, abandoned.Token);
    }

    private async Task AcceptAsync(AttachContext attachContext, Map filters, string? requested, TimeSpan wait, CancellationToken abandoned)
    {
        var session = await LockSessionAsync(requested, wait, abandoned);
        if (session is null)
        {
            Refuse(attachContext, new ReceiverAttach(true, requested, null, "com.microsoft:timeout"), new Error(s_timeout)
            {
                Description = requested is null ? "No session is available." : $"Session {requested} cannot be locked.",
            });
            return;
        }

        // The answering attach echoes the client's: name the granted session and its lock expiry there.
        filters[SessionFilter] = session.Id;
        attachContext.Attach.Properties ??= new Fields();
        attachContext.Attach.Properties[s_lockedUntilUtc] = session.LockedUntil.Ticks;
        Attaches.Enqueue(new ReceiverAttach(true, requested, session.Id, null));
        attachContext.Link.AddClosedCallback((_, _) => Release(session));
        try
        {
            attachContext.Complete(new SourceLinkEndpoint(new SessionSource(this, session), attachContext.Link), 0);
        }
        catch (AmqpException)
        {
            // Closed while completing.
        }

        if (abandoned.IsCancellationRequested)
            Release(session);
    }

    private void Refuse(AttachContext attachContext, ReceiverAttach attach, Error error)
    {
        Attaches.Enqueue(attach);
        attachContext.Complete(error);
    }

    private async Task<HeldSession?> LockSessionAsync(string? requested, TimeSpan wait, CancellationToken abandoned)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (abandoned.IsCancellationRequested)
                    return null;
                var free = requested is not null
                    ? (_held.ContainsKey(requested) ? null : requested)
                    : _pending.Where(p => p.Value.Count > 0 && !_held.ContainsKey(p.Key)).OrderBy(p => p.Value.Keys.First()).Select(p => p.Key).FirstOrDefault();
                if (free is not null)
                {
                    var session = new HeldSession(free) { LockedUntil = DateTime.UtcNow + _lockDuration };
                    _held[free] = session;
                    return session;
                }

                changed = _changed.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                return null;
            try
            {
                await Task.WhenAny(changed, Task.Delay(remaining, abandoned));
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task<Message?> TakeAsync(HeldSession session)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (session.IsReleased)
                    return null;
                if (_pending.TryGetValue(session.Id, out var messages) && messages.Count > 0)
                {
                    var (sequence, stored) = messages.First();
                    messages.Remove(sequence);
                    if (stored.Deliveries >= _host.MaxDeliveryCount)
                    {
                        DeadLettered.Enqueue(new DeadLetter(stored.MessageId, "MaxDeliveryCountExceeded", $"Delivered {stored.Deliveries} times.", stored.Deliveries));
                        continue;
                    }

                    var lockToken = Guid.NewGuid();
                    session.InFlight[lockToken] = stored;
                    return ToDelivery(stored, lockToken, session.LockedUntil);
                }

                changed = _changed.Task;
            }

            await changed;
        }
    }

    private static Message ToDelivery(Stored stored, Guid lockToken, DateTime lockedUntil)
    {
        var message = Message.Decode(new ByteBuffer(stored.Encoded, 0, stored.Encoded.Length, stored.Encoded.Length));
        message.Header = new Header { Durable = true, DeliveryCount = (uint)stored.Deliveries };
        message.MessageAnnotations ??= new MessageAnnotations();
        message.MessageAnnotations[LockTokenAnnotation] = lockToken;
        message.MessageAnnotations[s_lockedUntil] = lockedUntil;
        message.MessageAnnotations[s_sequenceNumber] = stored.Sequence;
        message.MessageAnnotations[s_enqueuedTime] = stored.EnqueuedAt;
        return message;
    }

    /// <summary>Applies a client's settlement; false when the lock is gone (the session was released meanwhile).</summary>
    private bool Settle(HeldSession session, Guid lockToken, DeliveryState state)
    {
        Stored? stored;
        lock (_lock)
        {
            if (!session.InFlight.Remove(lockToken, out stored))
                return false;
            switch (state)
            {
                case Amqp.Framing.Accepted:
                    break;
                case Rejected rejected when IsDeadLetter(rejected.Error):
                    break;
                default:
                    // Modified (abandon) or released: back in place, one delivery more.
                    Put(stored with { Deliveries = stored.Deliveries + 1 });
                    break;
            }
        }

        Settlements.Enqueue((stored.MessageId, state));
        if (state is Amqp.Framing.Accepted)
            Completed.Enqueue(stored.MessageId);
        else if (state is Rejected { Error: { } error } && IsDeadLetter(error))
            DeadLettered.Enqueue(new DeadLetter(stored.MessageId, Info(error, "DeadLetterReason"), Info(error, "DeadLetterErrorDescription"), stored.Deliveries + 1));
        Signal();
        return true;
    }

    private static bool IsDeadLetter(Error? error) => error is not null && string.Equals(error.Condition, s_deadLetterCondition, StringComparison.Ordinal);

    private static string? Info(Error error, string key) =>
        error.Info?.TryGetValue(new Symbol(key), out var value) == true ? value as string : null;

    private void Release(HeldSession session)
    {
        lock (_lock)
        {
            if (session.IsReleased)
                return;
            session.IsReleased = true;
            _held.Remove(session.Id);
            // What the link left unsettled returns in place: its lock is gone, and that counts as a delivery.
            foreach (var stored in session.InFlight.Values)
                Put(stored with { Deliveries = stored.Deliveries + 1 });
            session.InFlight.Clear();
        }

        ReleasedSessions.Enqueue(session.Id);
        Signal();
    }

    private void Put(Stored stored)
    {
        if (!_pending.TryGetValue(stored.SessionId, out var messages))
            _pending[stored.SessionId] = messages = [];
        messages[stored.Sequence] = stored;
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public sealed record ReceiverAttach(bool HasSessionFilter, string? RequestedSession, string? GrantedSession, string? Refusal);

    public sealed record DeadLetter(string? MessageId, string? Reason, string? Description, int Deliveries);

    private sealed record Stored(long Sequence, string? MessageId, string SessionId, byte[] Encoded, DateTime EnqueuedAt, int Deliveries = 0);

    private sealed class HeldSession(string id)
    {
        public string Id { get; } = id;

        public bool IsReleased { get; set; }

        public DateTime LockedUntil { get; set; }

        public Dictionary<Guid, Stored> InFlight { get; } = [];
    }

    private sealed class SessionSource(SessionQueue queue, HeldSession session) : IMessageSource
    {
        public async Task<ReceiveContext> GetMessageAsync(ListenerLink link) =>
            await queue.TakeAsync(session) is { } message ? new ReceiveContext(link, message) : null!;

        public void DisposeMessage(ReceiveContext receiveContext, DispositionContext dispositionContext)
        {
            var lockToken = receiveContext.Message.MessageAnnotations?.Map.TryGetValue(LockTokenAnnotation, out var token) == true && token is Guid guid ? guid : Guid.Empty;
            var settled = queue.Settle(session, lockToken, dispositionContext.DeliveryState);
            try
            {
                if (settled)
                    dispositionContext.Complete();
                else
                    dispositionContext.Complete(new Error(new Symbol("com.microsoft:session-lock-lost")) { Description = "The session lock was lost." });
            }
            catch (AmqpException)
            {
                // Settled by the closing link itself: nothing to send.
            }
        }
    }
}

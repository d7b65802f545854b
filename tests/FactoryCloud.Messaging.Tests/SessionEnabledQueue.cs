using System.Collections.Concurrent;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace FactoryCloud.Messaging.Tests;

/// <summary>
/// The receive side of a session-enabled Service Bus queue (<c>requiresSession</c>), for <see cref="ServiceBusTestHost"/>:
/// a receiver attach without <c>com.microsoft:session-filter</c> is refused; a null filter gets the next session with
/// messages that no other link holds (waiting up to the link's <c>com.microsoft:timeout</c>, then refusing with that
/// condition), and the granted session id is written into the filter of the answering attach. A session link delivers
/// only its group's messages, in order; closing it releases the session and returns its unsettled messages in place.
/// </summary>
internal sealed class SessionEnabledQueue
{
    public static readonly Symbol SessionFilter = new("com.microsoft:session-filter");
    private static readonly Symbol s_timeoutProperty = new("com.microsoft:timeout");
    private static readonly TimeSpan s_defaultAcceptWait = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<long, Message>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<Message, long> _sequenceOf = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly Action<Message, DeliveryState> _onSettled;
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;

    public SessionEnabledQueue(Action<Message, DeliveryState> onSettled) => _onSettled = onSettled;

    /// <summary>Every receiver attach, in arrival order.</summary>
    public ConcurrentQueue<ReceiverAttach> Attaches { get; } = new();

    /// <summary>Session ids whose link closed, in order.</summary>
    public ConcurrentQueue<string> ReleasedSessions { get; } = new();

    public void Enqueue(Message message)
    {
        lock (_lock)
            Put(message, ++_sequence);
        Signal();
    }

    public void Attach(AttachContext attachContext)
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

        var wait = attachContext.Attach.Properties?.TryGetValue(s_timeoutProperty, out var timeout) == true
            ? TimeSpan.FromMilliseconds(Convert.ToDouble(timeout, System.Globalization.CultureInfo.InvariantCulture))
            : s_defaultAcceptWait;
        // A client may give up on the attach while it waits: then no session must be locked for it.
        var abandoned = new CancellationTokenSource();
        attachContext.Link.AddClosedCallback((_, _) => abandoned.Cancel());
        _ = AcceptAsync(attachContext, filters, requested as string, wait, abandoned.Token);
    }

    private async Task AcceptAsync(AttachContext attachContext, Map filters, string? requested, TimeSpan wait, CancellationToken abandoned)
    {
        var sessionId = await LockSessionAsync(requested, wait, abandoned);
        if (sessionId is null)
        {
            Refuse(attachContext, new ReceiverAttach(true, requested, null, "com.microsoft:timeout"), new Error(new Symbol("com.microsoft:timeout"))
            {
                Description = requested is null ? "No session is available." : $"Session {requested} cannot be locked.",
            });
            return;
        }

        // The answering attach echoes the client's source: name the granted session in its filter.
        filters[SessionFilter] = sessionId;
        Attaches.Enqueue(new ReceiverAttach(true, requested, sessionId, null));
        var session = new HeldSession(sessionId);
        try
        {
            attachContext.Complete(new SessionLinkEndpoint(this, session, attachContext.Link), 0);
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

    private async Task<string?> LockSessionAsync(string? requested, TimeSpan wait, CancellationToken abandoned)
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
                    ? (_locked.Contains(requested) ? null : requested)
                    : _pending.Where(p => p.Value.Count > 0 && !_locked.Contains(p.Key)).OrderBy(p => p.Value.Keys.First()).Select(p => p.Key).FirstOrDefault();
                if (free is not null)
                {
                    _locked.Add(free);
                    return free;
                }

                changed = _changed.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                return null;
            await Task.WhenAny(changed, Task.Delay(remaining, abandoned));
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
                    var (sequence, message) = messages.First();
                    messages.Remove(sequence);
                    _sequenceOf[message] = sequence;
                    return message;
                }

                changed = _changed.Task;
            }

            await changed;
        }
    }

    private void Settle(Message message, DeliveryState state)
    {
        _onSettled(message, state);
        if (state is Released or Modified)
        {
            if (state is Modified { DeliveryFailed: true })
                message.Header = new Header { DeliveryCount = (message.Header?.DeliveryCount ?? 0) + 1 };
            lock (_lock)
            {
                if (_sequenceOf.Remove(message, out var sequence))
                    Put(message, sequence);
            }
        }
        else
        {
            lock (_lock)
                _sequenceOf.Remove(message);
        }

        Signal();
    }

    private void Release(HeldSession session)
    {
        lock (_lock)
        {
            if (session.IsReleased)
                return;
            session.IsReleased = true;
            _locked.Remove(session.Id);
        }

        ReleasedSessions.Enqueue(session.Id);
        Signal();
    }

    private void Put(Message message, long sequence)
    {
        var group = message.Properties?.GroupId ?? string.Empty;
        if (!_pending.TryGetValue(group, out var messages))
            _pending[group] = messages = [];
        messages[sequence] = message;
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

    private sealed class HeldSession(string id)
    {
        public string Id { get; } = id;

        public bool IsReleased { get; set; }
    }

    /// <summary>Sends one session's messages; unsettled ones come back as released when the link closes, then the session is unlocked.</summary>
    private sealed class SessionLinkEndpoint(SessionEnabledQueue queue, HeldSession session, ListenerLink link)
        : SourceLinkEndpoint(new SessionSource(queue, session), link)
    {
        public override void OnLinkClosed(ListenerLink link, Error error) => queue.Release(session);
    }

    private sealed class SessionSource(SessionEnabledQueue queue, HeldSession session) : IMessageSource
    {
        public async Task<ReceiveContext> GetMessageAsync(ListenerLink link) =>
            await queue.TakeAsync(session) is { } message ? new ReceiveContext(link, message) : null!;

        public void DisposeMessage(ReceiveContext receiveContext, DispositionContext dispositionContext)
        {
            queue.Settle(receiveContext.Message, dispositionContext.DeliveryState);
            try
            {
                dispositionContext.Complete();
            }
            catch (AmqpException)
            {
                // Settled by the closing link itself: nothing to send.
            }
        }
    }
}

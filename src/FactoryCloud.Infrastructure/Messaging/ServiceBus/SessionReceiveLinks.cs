using System.Threading.Channels;
using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// Holds up to <see cref="SessionReceiveSettings.MaxConcurrentSessions"/> Service Bus sessions at once, one receiver
/// link (in its own AMQP session) each, all writing into one buffer; a link's deliveries arrive there in session order.
/// Each slot accepts the next available session, holds it while it delivers, and releases it when it has been idle
/// for <see cref="SessionReceiveSettings.IdleTimeout"/> with everything settled, so that every machine's session gets
/// served. An attach the broker refuses because no session is free is retried after a short delay.
/// </summary>
/// <remarks>
/// The session lock is never renewed (that would need the <c>$management</c> node): a held session stops taking
/// credit after half of the lock duration, is released as soon as its deliveries are settled, and its link is closed
/// by three quarters of it in any case; unsettled messages then go back to the queue. Reattaching is cheap and the
/// same session may be granted again at once.
/// </remarks>
internal sealed class SessionReceiveLinks(AmqpQueueSettings settings, SessionReceiveSettings sessions, AmqpConnectionScope connection, TimeProvider time, ILogger logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan s_noSessionRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxFailureRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<SessionDelivery> _deliveries = Channel.CreateUnbounded<SessionDelivery>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private Task[]? _slots;
    private Exception? _failure;

    public ChannelReader<SessionDelivery> Deliveries => _deliveries.Reader;

    public void EnsureStarted()
    {
        if (Volatile.Read(ref _slots) is not null)
            return;
        lock (_startLock)
        {
            if (_slots is not null || _stopping.IsCancellationRequested)
                return;
            var stopping = _stopping.Token;
            _slots = [.. Enumerable.Range(0, sessions.MaxConcurrentSessions).Select(_ => Task.Run(() => RunSlotAsync(stopping), CancellationToken.None))];
        }
    }

    /// <summary>The latest failure to take a session for a reason other than "none available", once.</summary>
    public Exception? TakeFailure() => Interlocked.Exchange(ref _failure, null);

    public async ValueTask DisposeAsync()
    {
        Task[]? slots;
        lock (_startLock)
        {
            if (_stopping.IsCancellationRequested)
                return;
            _stopping.Cancel();
            slots = _slots;
        }

        if (slots is not null)
            await Task.WhenAll(slots);
        _deliveries.Writer.TryComplete();
        _stopping.Dispose();
    }

    private async Task RunSlotAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            HeldSession held;
            try
            {
                held = await AcceptNextSessionAsync(stopping);
                failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (!await DelayAsync(RetryDelayAfter(ex, ref failures), stopping))
                    return;
                continue;
            }

            var reason = await HoldAsync(held, stopping);
            held.Link.Credit.TryRetire(force: true);
            logger.LogDebug("Releasing session {SessionId} of queue {Queue} ({Reason}, {Unsettled} unsettled).", held.SessionId, settings.QueueName, reason, held.Link.Credit.Unsettled);
            // Closing the link releases the session; its unsettled messages return to the queue.
            await AmqpLinks.CloseQuietlyAsync(held.Link.Receiver);
            await AmqpLinks.CloseQuietlyAsync(held.Link.Session);
        }
    }

    /// <summary>Short for "no session free right now"; otherwise remembers the failure for ReceiveAsync and backs off.</summary>
    private TimeSpan RetryDelayAfter(Exception exception, ref int failures)
    {
        if (ServiceBusSessionFilter.IsNoSessionAvailable(exception))
        {
            logger.LogDebug("No session of queue {Queue} is available ({Error}); trying again.", settings.QueueName, exception.Message);
            return s_noSessionRetryDelay;
        }

        failures++;
        var delay = TimeSpan.FromTicks(Math.Min(s_maxFailureRetryDelay.Ticks, TimeSpan.FromSeconds(1).Ticks << Math.Min(failures - 1, 5)));
        Volatile.Write(ref _failure, exception);
        logger.LogWarning(exception, "Accepting a session of queue {Queue} failed; trying again in {Delay}.", settings.QueueName, delay);
        return delay;
    }

    private async Task<HeldSession> AcceptNextSessionAsync(CancellationToken stopping)
    {
        var session = await connection.OpenSessionAsync(settings.QueueName, stopping);
        var linkName = $"telemetry-session-receiver-{Guid.NewGuid():N}";
        var source = new Source { Address = settings.AddressOf(settings.QueueName), FilterSet = ServiceBusSessionFilter.AcceptNextSession() };
        ReceiverLink receiver;
        string sessionId;
        try
        {
            // The broker waits up to AcceptWait for a session; wait a little longer for its answer.
            (receiver, var remote) = await AmqpLinks.AttachReceiverAsync(
                session, linkName, source, new Target { Address = linkName }, ServiceBusSessionFilter.AttachProperties(sessions.AcceptWait),
                sessions.AcceptWait + settings.OperationTimeout, stopping);
            sessionId = ServiceBusSessionFilter.SessionIdOf(remote)
                ?? throw new TelemetryQueueException($"The broker attached a session receiver on queue '{settings.QueueName}' without naming the session; is the queue session-enabled?");
        }
        catch
        {
            await AmqpLinks.CloseQuietlyAsync(session);
            throw;
        }

        var credit = new ReceiveCreditWindow(receiver, sessions.CreditPerLink);
        var held = new HeldSession(new ReceiveLink(session, receiver, credit), sessionId, time.GetUtcNow());
        receiver.Start(0, (_, message) =>
        {
            held.LastDeliveryAt = time.GetUtcNow();
            // Counted before it is buffered, so that the slot never retires the link under a message being handed out.
            credit.OnDelivered();
            _deliveries.Writer.TryWrite(new SessionDelivery(held.Link, message));
        });
        credit.Open();
        logger.LogDebug("Accepted session {SessionId} of queue {Queue}.", sessionId, settings.QueueName);
        return held;
    }

    /// <summary>Waits until the session should be released and says why.</summary>
    private async Task<string> HoldAsync(HeldSession held, CancellationToken stopping)
    {
        var check = TimeSpan.FromMilliseconds(Math.Clamp(sessions.IdleTimeout.TotalMilliseconds / 4, 10, 250));
        while (await DelayAsync(check, stopping))
        {
            if (held.Link.Receiver.IsClosed)
                return $"link closed: {AmqpLinks.Describe(held.Link.Receiver.Error)}";
            var now = time.GetUtcNow();
            if (now - held.AcceptedAt >= sessions.CloseAfter)
                return "lock about to expire";
            if (now - held.AcceptedAt >= sessions.ReleaseAfter)
            {
                held.Link.Credit.Stop();
                if (held.Link.Credit.TryRetire())
                    return "held for half the lock duration";
            }
            else if (now - held.LastDeliveryAt >= sessions.IdleTimeout && held.Link.Credit.TryRetire())
            {
                return "idle";
            }
        }

        return "stopping";
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed class HeldSession(ReceiveLink link, string sessionId, DateTimeOffset acceptedAt)
    {
        // Written by the link's delivery callback, read by the slot: ticks, so that reads are never torn.
        private long _lastDeliveryTicks = acceptedAt.UtcTicks;

        public ReceiveLink Link { get; } = link;

        public string SessionId { get; } = sessionId;

        public DateTimeOffset AcceptedAt { get; } = acceptedAt;

        public DateTimeOffset LastDeliveryAt
        {
            get => new(Volatile.Read(ref _lastDeliveryTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _lastDeliveryTicks, value.UtcTicks);
        }
    }
}

/// <summary>A message in the shared buffer, with the session link it must be settled on.</summary>
internal sealed record SessionDelivery(ReceiveLink Link, Message Message);

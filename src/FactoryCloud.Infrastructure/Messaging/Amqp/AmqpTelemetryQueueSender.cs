using System.Diagnostics;
using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>
/// Sends telemetry to a generic AMQP 1.0 broker (RabbitMQ's AMQP 1.0 plugin): unsettled
/// transfers, each awaited until the broker accepts it; a batch is in flight all at once. After a failure the next
/// call opens a new link (and connection if that went too).
/// </summary>
public sealed class AmqpTelemetryQueueSender : ITelemetryQueueSender, IAsyncDisposable
{
    private readonly AmqpQueueSettings _settings;
    private readonly AmqpConnectionScope _connection;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _linkGate = new(1, 1);
    private SenderLink? _link;
    private int _disposed;

    public AmqpTelemetryQueueSender(QueueOptions options, TimeProvider? timeProvider = null, ILogger<AmqpTelemetryQueueSender>? logger = null)
    {
        _settings = AmqpQueueSettings.From(options);
        _logger = logger ?? NullLogger<AmqpTelemetryQueueSender>.Instance;
        _connection = new AmqpConnectionScope(_settings, timeProvider ?? TimeProvider.System, _logger);
    }

    public async Task SendAsync(IReadOnlyList<QueueMessage> batch, CancellationToken cancellationToken)
    {
        QueueMessage.Validate(batch);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (batch.Count == 0)
            return;

        var link = await GetLinkAsync(cancellationToken);
        var outcomes = new Task[batch.Count];
        try
        {
            for (var i = 0; i < batch.Count; i++)
                outcomes[i] = SendUnsettled(link, AmqpMessageMapper.ToAmqp(batch[i]));
            // One deadline for the whole batch. AMQPNetLite completes outcomes on its I/O thread: never run the
            // caller's continuation there.
            await Task.WhenAll(outcomes).WaitAsync(_settings.OperationTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DropLinkAfterFailureAsync(link, ex);
            var failed = outcomes.Count(outcome => outcome is null || !outcome.IsCompletedSuccessfully);
            throw new TelemetryQueueException(
                $"{failed} of {batch.Count} messages were not accepted by queue '{_settings.QueueName}' on {_settings.Endpoint}: {Describe(ex)}. Do not acknowledge them.", ex);
        }
        finally
        {
            // After a failure or cancellation the remaining outcomes fail the same way: observe them.
            foreach (var outcome in outcomes)
                _ = outcome?.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await AmqpLinks.CloseQuietlyAsync(_link?.Session);
        await _connection.DisposeAsync();
    }

    private async Task<SenderLink> GetLinkAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _link) is { IsClosed: false } open && !open.Session.IsClosed)
            return open;

        await _linkGate.WaitAsync(cancellationToken);
        try
        {
            if (_link is { IsClosed: false } current && !current.Session.IsClosed)
                return current;
            await AmqpLinks.CloseQuietlyAsync(_link?.Session);
            _link = null;

            var session = await _connection.OpenSessionAsync(cancellationToken);
            try
            {
                var started = Stopwatch.GetTimestamp();
                _link = await AmqpLinks.AttachSenderAsync(session, $"telemetry-sender-{Guid.NewGuid():N}", Target(), _settings.OperationTimeout, cancellationToken);
                _logger.LogInformation("Sending to queue {Queue} at {Endpoint} (link attached in {Elapsed:F0} ms).",
                    _settings.QueueName, _settings.Endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await AmqpLinks.CloseQuietlyAsync(session);
                await _connection.ResetAsync(session.Connection);
                throw;
            }

            return _link;
        }
        finally
        {
            _linkGate.Release();
        }
    }

    /// <summary>Sends one message unsettled; the task completes when the broker settles it (Accepted) and fails otherwise.</summary>
    private static Task SendUnsettled(SenderLink link, Message message)
    {
        var outcome = new TaskCompletionSource();
        link.Send(message, static (_, _, result, state) =>
        {
            var pending = (TaskCompletionSource)state;
            if (result is Accepted)
                pending.TrySetResult();
            else if (result is Rejected rejected)
                pending.TrySetException(new AmqpException(rejected.Error ?? new Error(ErrorCode.InternalError)));
            else
                pending.TrySetException(new AmqpException(new Error(ErrorCode.MessageReleased) { Description = $"The broker settled the message as {result?.GetType().Name ?? "nothing"}." }));
        }, outcome);
        return outcome.Task;
    }

    // A durable terminus makes RabbitMQ declare a durable queue; receivers declare it the same way.
    private Target Target() => new() { Address = AmqpQueueSettings.AddressOf(_settings.QueueName), Durable = 1 };

    /// <summary>
    /// A rejected message leaves link and connection usable; anything else (timeout, closed link, lost connection)
    /// may have left them broken or half-open, so they are dropped and the next send starts afresh.
    /// </summary>
    private async Task DropLinkAfterFailureAsync(SenderLink link, Exception failure)
    {
        if (failure is AmqpException && !link.IsClosed && !link.Session.IsClosed && !link.Session.Connection.IsClosed)
            return;
        _logger.LogWarning("Sending to queue {Queue} failed ({Error}); the next send reconnects.", _settings.QueueName, Describe(failure));
        await _linkGate.WaitAsync();
        try
        {
            if (_link == link)
                _link = null;
        }
        finally
        {
            _linkGate.Release();
        }

        await AmqpLinks.CloseQuietlyAsync(link.Session);
        await _connection.ResetAsync(link.Session.Connection);
    }

    private static string Describe(Exception exception) => exception switch
    {
        AmqpException amqp => AmqpLinks.Describe(amqp.Error),
        TimeoutException => "timed out waiting for the broker",
        OperationCanceledException => "cancelled",
        _ => exception.Message,
    };
}

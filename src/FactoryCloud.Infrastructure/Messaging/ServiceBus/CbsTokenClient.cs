using System.Collections.Concurrent;
using System.Globalization;
using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// Claims-based security on one connection: puts a token for each audience to the <c>$cbs</c> node (request link to
/// <c>$cbs</c>, replies on a link from <c>$cbs</c> to a unique reply-to address, matched by message id) and renews
/// it at 80 % of its remaining lifetime until the connection goes.
/// </summary>
internal sealed class CbsTokenClient : IAsyncDisposable
{
    private const string CbsNode = "$cbs";

    private readonly Connection _connection;
    private readonly IAmqpTokenProvider _tokenProvider;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _replyTo = "cbs-reply-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Message>> _pendingReplies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly List<Task> _renewals = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Session? _session;
    private SenderLink? _requests;
    private ReceiverLink? _replies;

    public CbsTokenClient(Connection connection, IAmqpTokenProvider tokenProvider, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
    {
        _connection = connection;
        _tokenProvider = tokenProvider;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Makes sure a valid token for <paramref name="audience"/> has been put on this connection, and keeps it renewed.</summary>
    public async Task AuthorizeAsync(string audience, CancellationToken cancellationToken)
    {
        if (IsAuthorized(audience))
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsAuthorized(audience))
                return;
            var renewing = _expiries.ContainsKey(audience);
            _expiries[audience] = await PutTokenAsync(audience, cancellationToken);
            if (!renewing)
            {
                lock (_renewals)
                    _renewals.Add(Task.Run(() => RenewAsync(audience, _stopping.Token), CancellationToken.None));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync();
        FailPendingReplies(new ObjectDisposedException(nameof(CbsTokenClient)));
        await AmqpLinks.CloseQuietlyAsync(_requests);
        await AmqpLinks.CloseQuietlyAsync(_replies);
        await AmqpLinks.CloseQuietlyAsync(_session);
        Task[] renewals;
        lock (_renewals)
            renewals = [.. _renewals];
        await Task.WhenAll(renewals);
    }

    private bool IsAuthorized(string audience) =>
        _expiries.TryGetValue(audience, out var expiresAt) && expiresAt > _timeProvider.GetUtcNow();

    private async Task RenewAsync(string audience, CancellationToken stopping)
    {
        var delay = RenewalDelay(_expiries[audience], success: true);
        while (!stopping.IsCancellationRequested && !_connection.IsClosed)
        {
            try
            {
                await Task.Delay(delay, _timeProvider, stopping);
                await _gate.WaitAsync(stopping);
                try
                {
                    _expiries[audience] = await PutTokenAsync(audience, stopping);
                }
                finally
                {
                    _gate.Release();
                }

                _logger.LogDebug("Renewed the CBS token for {Audience}, valid until {ExpiresAt:O}.", audience, _expiries[audience]);
                delay = RenewalDelay(_expiries[audience], success: true);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Keep the current token and try again; once it expires the broker detaches the links and the next
                // operation reconnects (and fails with this error if it persists).
                _logger.LogWarning(ex, "Renewing the CBS token for {Audience} failed.", audience);
                delay = RenewalDelay(_expiries[audience], success: false);
            }
        }
    }

    private TimeSpan RenewalDelay(DateTimeOffset expiresAt, bool success)
    {
        var remaining = expiresAt - _timeProvider.GetUtcNow();
        var delay = success ? remaining * 0.8 : remaining / 4;
        var floor = TimeSpan.FromMilliseconds(success ? 100 : 1000);
        return delay > floor ? delay : floor;
    }

    private async Task<DateTimeOffset> PutTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var (requests, _) = await EnsureLinksAsync(cancellationToken);
        var token = await _tokenProvider.GetTokenAsync(audience, cancellationToken);
        var requestId = Guid.NewGuid().ToString("N");
        var request = new Message(token.Token)
        {
            Properties = new Properties { MessageId = requestId, ReplyTo = _replyTo },
            ApplicationProperties = new ApplicationProperties
            {
                ["operation"] = "put-token",
                ["type"] = token.TokenType,
                ["name"] = audience,
                ["expiration"] = token.ExpiresAt.UtcDateTime,
            },
        };

        var reply = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingReplies[requestId] = reply;
        Message response;
        try
        {
            await requests.SendAsync(request, _timeout).WaitAsync(cancellationToken);
            response = await reply.Task.WaitAsync(_timeout, _timeProvider, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TelemetryQueueException($"The broker did not answer the put-token request for '{audience}' within {_timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (AmqpException ex)
        {
            throw new TelemetryQueueException($"The put-token request for '{audience}' failed: {AmqpLinks.Describe(ex.Error)}", ex);
        }
        finally
        {
            _pendingReplies.TryRemove(requestId, out _);
        }

        var status = ReadStatusCode(response);
        var description = response.ApplicationProperties?.Map.TryGetValue("status-description", out var text) == true ? text as string : null;
        return status switch
        {
            200 or 202 => token.ExpiresAt,
            401 => throw new UnauthorizedAccessException($"The broker refused the {token.TokenType} token for '{audience}': 401 {description}".TrimEnd()),
            _ => throw new TelemetryQueueException($"The put-token request for '{audience}' failed: {status} {description}".TrimEnd()),
        };
    }

    private static int ReadStatusCode(Message response) =>
        response.ApplicationProperties?.Map.TryGetValue("status-code", out var value) == true && value is IConvertible convertible
            ? convertible.ToInt32(CultureInfo.InvariantCulture)
            : throw new TelemetryQueueException("The $cbs reply has no status-code.");

    private async Task<(SenderLink Requests, ReceiverLink Replies)> EnsureLinksAsync(CancellationToken cancellationToken)
    {
        if (_requests is { IsClosed: false } requests && _replies is { IsClosed: false } replies)
            return (requests, replies);

        await AmqpLinks.CloseQuietlyAsync(_session);
        _session = new Session(_connection);
        var id = Guid.NewGuid().ToString("N");
        _replies = await AmqpLinks.AttachReceiverAsync(_session, "cbs-replies-" + id, new Source { Address = CbsNode }, new Target { Address = _replyTo }, _timeout, cancellationToken);
        _replies.AddClosedCallback((_, error) => FailPendingReplies(new TelemetryQueueException($"The $cbs reply link closed: {AmqpLinks.Describe(error)}")));
        _replies.Start(10, OnReply);
        _requests = await AmqpLinks.AttachSenderAsync(_session, "cbs-requests-" + id, new Target { Address = CbsNode }, _timeout, cancellationToken);
        return (_requests, _replies);
    }

    private void OnReply(IReceiverLink link, Message reply)
    {
        link.Accept(reply);
        var correlationId = Convert.ToString(reply.Properties?.GetCorrelationId(), CultureInfo.InvariantCulture);
        if (correlationId is not null && _pendingReplies.TryGetValue(correlationId, out var pending))
            pending.TrySetResult(reply);
    }

    private void FailPendingReplies(Exception exception)
    {
        foreach (var pending in _pendingReplies.Values)
            pending.TrySetException(exception);
    }
}

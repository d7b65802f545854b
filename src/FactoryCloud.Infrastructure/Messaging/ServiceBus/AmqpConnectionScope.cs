using Amqp;
using Amqp.Sasl;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// One AMQP connection, opened on first use and opened again on the next use after it failed, authorized per queue
/// with CBS when a token provider is given (SASL ANONYMOUS) or with SASL PLAIN otherwise.
/// </summary>
internal sealed class AmqpConnectionScope : IAsyncDisposable
{
    // Both ends send heartbeats at half of the other's idle timeout, so a silent peer is noticed within a minute.
    private const int IdleTimeoutMilliseconds = 60_000;

    private readonly AmqpQueueSettings _settings;
    private readonly IAmqpTokenProvider? _tokenProvider;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenConnection? _current;
    private bool _disposed;

    public AmqpConnectionScope(AmqpQueueSettings settings, IAmqpTokenProvider? tokenProvider, TimeProvider timeProvider, ILogger logger)
    {
        _settings = settings;
        _tokenProvider = tokenProvider;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>A new session on the current connection, with access to <paramref name="queueName"/> authorized.</summary>
    public async Task<Session> OpenSessionAsync(string queueName, CancellationToken cancellationToken)
    {
        var open = await GetOpenConnectionAsync(cancellationToken);
        if (open.Cbs is { } cbs)
        {
            try
            {
                await cbs.AuthorizeAsync(_settings.AudienceOf(queueName), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await ResetAsync(open.Connection);
                throw new TelemetryQueueException($"Authorizing access to '{_settings.AudienceOf(queueName)}' on {_settings.Endpoint} failed: {ex.Message}", ex);
            }
        }

        return new Session(open.Connection);
    }

    /// <summary>Drops <paramref name="connection"/> if it is still the current one, so that the next use reconnects.</summary>
    public async Task ResetAsync(Connection? connection)
    {
        OpenConnection? dropped = null;
        await _gate.WaitAsync();
        try
        {
            if (_current is not null && (connection is null || _current.Connection == connection))
            {
                dropped = _current;
                _current = null;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (dropped is not null)
            await CloseAsync(dropped);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        OpenConnection? last;
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            last = _current;
            _current = null;
        }
        finally
        {
            _gate.Release();
        }

        if (last is not null)
            await CloseAsync(last);
    }

    private async Task<OpenConnection> GetOpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { Connection.IsClosed: false } current)
            return current;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is { Connection.IsClosed: false })
                return _current;
            if (_current is not null)
            {
                _logger.LogInformation("The AMQP connection to {Endpoint} was lost ({Error}); reconnecting.", _settings.Endpoint, AmqpLinks.Describe(_current.Connection.Error));
                await CloseAsync(_current);
                _current = null;
            }

            var connection = await ConnectAsync(cancellationToken);
            var cbs = _tokenProvider is null ? null : new CbsTokenClient(connection, _tokenProvider, _settings.OperationTimeout, _timeProvider, _logger);
            _current = new OpenConnection(connection, cbs);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = $"factorycloud-{Environment.MachineName}-{Guid.NewGuid():N}";
        factory.AMQP.HostName = _settings.Endpoint.Host;
        factory.AMQP.IdleTimeout = IdleTimeoutMilliseconds;
        if (_tokenProvider is not null)
            factory.SASL.Profile = SaslProfile.Anonymous;

        var connecting = factory.CreateAsync(_settings.Endpoint.ToAddress(withCredentials: _tokenProvider is null), cancellationToken);
        try
        {
            return await connecting.WaitAsync(_settings.OperationTimeout, _timeProvider, cancellationToken);
        }
        catch (Exception ex)
        {
            // If the attempt still succeeds after we gave up, close what it opens.
            _ = connecting.ContinueWith(static attempt => attempt.Result.CloseAsync(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                throw;
            throw new TelemetryQueueException($"Could not connect to {_settings.Endpoint}: {Describe(ex)}", ex);
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        AmqpException amqp => AmqpLinks.Describe(amqp.Error),
        TimeoutException => "timed out",
        _ => exception.Message,
    };

    private static async Task CloseAsync(OpenConnection open)
    {
        if (open.Cbs is not null)
            await open.Cbs.DisposeAsync();
        await AmqpLinks.CloseQuietlyAsync(open.Connection);
    }

    private sealed record OpenConnection(Connection Connection, CbsTokenClient? Cbs);
}

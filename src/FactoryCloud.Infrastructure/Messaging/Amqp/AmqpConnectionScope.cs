using Amqp;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>One AMQP connection (SASL PLAIN), opened on first use and opened again on the next use after it failed.</summary>
internal sealed class AmqpConnectionScope : IAsyncDisposable
{
    // Both ends send heartbeats at half of the other's idle timeout, so a silent peer is noticed within a minute.
    private const int IdleTimeoutMilliseconds = 60_000;

    private readonly AmqpQueueSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Connection? _current;
    private bool _disposed;

    public AmqpConnectionScope(AmqpQueueSettings settings, TimeProvider timeProvider, ILogger logger)
    {
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>A new session on the current connection.</summary>
    public async Task<Session> OpenSessionAsync(CancellationToken cancellationToken) =>
        new(await GetOpenConnectionAsync(cancellationToken));

    /// <summary>Drops <paramref name="connection"/> if it is still the current one, so that the next use reconnects.</summary>
    public async Task ResetAsync(Connection? connection)
    {
        Connection? dropped = null;
        await _gate.WaitAsync();
        try
        {
            if (_current is not null && (connection is null || _current == connection))
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
        Connection? last;
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

    private async Task<Connection> GetOpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { IsClosed: false } current)
            return current;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is { IsClosed: false })
                return _current;
            if (_current is not null)
            {
                _logger.LogInformation("The AMQP connection to {Endpoint} was lost ({Error}); reconnecting.", _settings.Endpoint, AmqpLinks.Describe(_current.Error));
                await CloseAsync(_current);
                _current = null;
            }

            _current = await ConnectAsync(cancellationToken);
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

        var connecting = factory.CreateAsync(_settings.Endpoint.ToAddress(), cancellationToken);
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

    private static Task CloseAsync(Connection connection) => AmqpLinks.CloseQuietlyAsync(connection);
}

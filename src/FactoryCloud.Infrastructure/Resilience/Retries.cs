using Polly;
using Polly.Retry;

namespace FactoryCloud.Infrastructure.Resilience;

/// <summary>
/// Every retry and reconnect of the web app and the telemetry worker, named and configured in this one place as Polly
/// pipelines (webhook deliveries have their own, configured per tenant, in <c>Notifications/WebhookSender</c>). The
/// pipeline's retries run until their host stops: what failed is kept where it was (the inbox, a locked queue
/// message, a pending change) and tried again, never dropped. Delays run on the host's <see cref="TimeProvider"/> so
/// tests can drive them.
/// </summary>
public static class Retries
{
    /// <summary>Storing a batch (inbox or queue processor): 200 ms, doubling to 30 s, on any failure.</summary>
    public static ResiliencePipeline StoreBatch(TimeProvider clock, ILogger logger) =>
        Forever(clock, logger, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), DelayBackoffType.Exponential, _ => true,
            "Storing a batch (it stays where it was)");

    /// <summary>Receiving from the queue: the broker or link went away, the receiver reconnects on the next call; every second.</summary>
    public static ResiliencePipeline QueueReceive(TimeProvider clock, ILogger logger) =>
        Forever(clock, logger, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), DelayBackoffType.Constant, e => e is Messaging.TelemetryQueueException,
            "Receiving from the queue");

    /// <summary>The external MQTT broker's connection: from <paramref name="first"/>, doubling to <paramref name="max"/>, with jitter.</summary>
    public static ResiliencePipeline BrokerReconnect(TimeSpan first, TimeSpan max, TimeProvider clock, ILogger logger) =>
        Forever(clock, logger, first, max, DelayBackoffType.Exponential, _ => true,
            "The external MQTT broker connection", jitter: true);

    /// <summary>PostgreSQL's change feed between processes (LISTEN and NOTIFY): every <paramref name="delay"/> on a database failure.</summary>
    public static ResiliencePipeline ChangeFeed(TimeSpan delay, TimeProvider clock, ILogger logger) =>
        Forever(clock, logger, delay, delay, DelayBackoffType.Constant,
            e => e is Npgsql.NpgsqlException or TimeoutException or IOException or InvalidOperationException,
            "The change feed between processes");

    /// <summary>
    /// A write that lost a race (a unique key such as a backlog rank taken meanwhile, or a row version changed under
    /// it): up to 7 more attempts, a few milliseconds apart with jitter, each on a fresh read.
    /// </summary>
    public static ResiliencePipeline WriteRace { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 7,
            Delay = TimeSpan.FromMilliseconds(2),
            BackoffType = DelayBackoffType.Linear,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Microsoft.EntityFrameworkCore.DbUpdateException>(
                e => e is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException || Persistence.DbErrors.IsUniqueViolation(e)),
        })
        .Build();

    private static ResiliencePipeline Forever(
        TimeProvider clock, ILogger logger, TimeSpan first, TimeSpan max, DelayBackoffType backoff, Func<Exception, bool> handles,
        string what, bool jitter = false) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                Delay = first,
                MaxDelay = max,
                BackoffType = backoff,
                UseJitter = jitter,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                    && !(e is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)
                    && handles(e)),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "{What} failed (attempt {Attempt}); trying again in {Delay}", what, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}

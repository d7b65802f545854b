using Polly;
using Polly.Retry;

namespace FactoryCloud.Simulator.Publishing;

/// <summary>
/// The simulator's retries, named and configured here: both back off from the initial reconnect delay, doubling to
/// the maximum, with jitter, until cancelled. Delays run on the publisher's <see cref="TimeProvider"/>.
/// </summary>
internal static class PublishRetries
{
    /// <summary>Connecting: every failure waits (a refusal too, unless the caller wants refusals to fail).</summary>
    public static ResiliencePipeline Connect(MqttPublisherOptions options, TimeProvider time, Action<int, TimeSpan, Exception> onRetry) =>
        Build(options, time, onRetry, firstRetryImmediately: false, e => e is not MqttConnectionRefusedException);

    /// <summary>Publishing one message: the first retry goes out as soon as the connection is back; repeated failures back off.</summary>
    public static ResiliencePipeline Publish(MqttPublisherOptions options, TimeProvider time, Action<int, TimeSpan, Exception> onRetry) =>
        Build(options, time, onRetry, firstRetryImmediately: true, e => e is not ArgumentException and not MqttConnectionRefusedException);

    private static ResiliencePipeline Build(
        MqttPublisherOptions options, TimeProvider time, Action<int, TimeSpan, Exception> onRetry, bool firstRetryImmediately, Func<Exception, bool> handles) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                Delay = options.InitialReconnectDelay,
                MaxDelay = options.MaxReconnectDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(firstRetryImmediately && args.AttemptNumber == 0 ? TimeSpan.Zero : null),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                    && !(e is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested) && handles(e)),
                OnRetry = args =>
                {
                    onRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}

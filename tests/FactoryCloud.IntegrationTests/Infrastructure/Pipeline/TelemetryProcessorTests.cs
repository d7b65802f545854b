using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.InProcess;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Infrastructure.Telemetry.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline;

/// <summary>
/// The processor outlives the queue's transient failures (a receive on a lost link, a lock lost before completing):
/// it keeps consuming, and what it could not settle comes again and is stored idempotently.
/// </summary>
public sealed class TelemetryProcessorTests
{
    [Fact]
    public async Task A_failed_receive_and_a_lost_lock_do_not_stop_the_processor_and_every_message_is_stored()
    {
        await using var queue = new InProcessTelemetryQueue(new QueueOptions());
        var receiver = new FlakyReceiver(queue);
        var store = new RecordingStore();
        using var processor = new TelemetryProcessor(receiver, store, TimeProvider.System, NullLogger<TelemetryProcessor>.Instance);

        await processor.StartAsync(TestContext.Current.CancellationToken);
        await queue.SendAsync([Batch("m-1", 1), Batch("m-2", 2)], TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => store.DedupKeys.Contains("m-1:1") && store.DedupKeys.Contains("m-2:2") && queue.Count == 0 && queue.InFlightCount == 0);
        await processor.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(receiver.FailedReceives >= 1);
        Assert.True(receiver.FailedCompletes >= 1);
        Assert.False(processor.ExecuteTask!.IsFaulted);
        Assert.Equal(0, queue.Count + queue.InFlightCount);
    }

    private static QueueMessage Batch(string key, int seq)
    {
        var message = new AcceptedTelemetry(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), $"{key}:{seq}", TelemetryChannel.Count,
            DateTimeOffset.UtcNow, "{}", DateTimeOffset.UtcNow);
        return new QueueMessage(key, key, TelemetryBatchCodec.Encode([message]));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }

    /// <summary>The real in-process queue, whose first receive and first completion fail as a lost link would.</summary>
    private sealed class FlakyReceiver(InProcessTelemetryQueue queue) : ITelemetryQueueReceiver
    {
        public int FailedReceives;
        public int FailedCompletes;

        public Task<IReadOnlyList<ReceivedQueueMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref FailedReceives) == 1
                ? throw new TelemetryQueueException("The receive link closed.")
                : queue.ReceiveAsync(maxMessages, maxWait, cancellationToken);

        public async Task CompleteAsync(ReceivedQueueMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref FailedCompletes) == 1)
            {
                // The lock is gone with the link: the broker hands the message out again.
                await queue.AbandonAsync(message, cancellationToken);
                throw new TelemetryQueueException("The lock on the message was lost.");
            }
            await queue.CompleteAsync(message, cancellationToken);
        }

        public Task AbandonAsync(ReceivedQueueMessage message, CancellationToken cancellationToken) => queue.AbandonAsync(message, cancellationToken);

        public Task DeadLetterAsync(ReceivedQueueMessage message, string reason, string? description, CancellationToken cancellationToken) =>
            queue.DeadLetterAsync(message, reason, description, cancellationToken);
    }

    private sealed class RecordingStore : ITelemetryStore
    {
        public HashSet<string> DedupKeys { get; } = [];

        public Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
        {
            lock (DedupKeys) foreach (var message in batch) DedupKeys.Add(message.DedupKey);
            return Task.FromResult(new TelemetryStoreResult(batch.Count, 0));
        }
    }
}

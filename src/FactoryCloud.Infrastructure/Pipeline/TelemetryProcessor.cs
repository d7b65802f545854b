using System.Text.Json;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Resilience;
using FactoryCloud.Infrastructure.Telemetry.Store;
using Microsoft.Extensions.Hosting;
using Polly;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Consumes the queue and stores what it receives, completing messages only after their transaction committed; a
/// failure abandons them for redelivery, which the store's idempotency makes harmless.
/// </summary>
public sealed class TelemetryProcessor(ITelemetryQueueReceiver receiver, ITelemetryStore store, TimeProvider clock, ILogger<TelemetryProcessor> logger) : BackgroundService
{
    /// <summary>How long the newest stored batch waited between the ingress and the database: the queue lag.</summary>
    public TimeSpan LastLag { get; private set; }

    private readonly ResiliencePipeline _receive = Retries.QueueReceive(clock, logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // The broker or the link went away: the receiver reconnects on the next call.
            var received = await _receive.ExecuteAsync(async ct => await receiver.ReceiveAsync(64, TimeSpan.FromSeconds(1), ct), stoppingToken);
            if (received.Count > 0) await ProcessAsync(received, stoppingToken);
        }
    }

    private async Task ProcessAsync(IReadOnlyList<ReceivedQueueMessage> received, CancellationToken ct)
    {
        var batch = new List<Domain.MachineHistory.AcceptedTelemetry>();
        var decoded = new List<ReceivedQueueMessage>(received.Count);
        foreach (var message in received)
        {
            try
            {
                batch.AddRange(TelemetryBatchCodec.Decode(message.Body));
                decoded.Add(message);
            }
            catch (JsonException e)
            {
                await SettleAsync(message, m => receiver.DeadLetterAsync(m, "MalformedBatch", e.Message, ct));
            }
        }

        bool stored;
        try
        {
            await store.StoreAsync(batch, ct);
            stored = true;
            if (batch.Count > 0) LastLag = clock.GetUtcNow() - batch.Min(m => m.ReceivedAt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Storing {Count} messages failed; abandoning them for redelivery", batch.Count);
            stored = false;
        }
        foreach (var message in decoded)
            await SettleAsync(message, m => stored ? receiver.CompleteAsync(m, ct) : receiver.AbandonAsync(m, ct));
    }

    /// <summary>
    /// A lock lost with its link cannot be settled: the broker delivers the message again, and storing it again
    /// changes nothing, so the processor carries on.
    /// </summary>
    private async Task SettleAsync(ReceivedQueueMessage message, Func<ReceivedQueueMessage, Task> settle)
    {
        try
        {
            await settle(message);
        }
        catch (TelemetryQueueException e)
        {
            logger.LogWarning(e, "Settling queue message {MessageId} failed; the broker will deliver it again", message.MessageId);
        }
    }
}

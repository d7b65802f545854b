using System.Text.Json;
using FactoryCloud.Infrastructure.Ingestion;
using FactoryCloud.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Consumes the queue and stores what it receives, completing messages only after their transaction committed; a
/// failure abandons them for redelivery, which the store's idempotency makes harmless.
/// </summary>
public sealed class TelemetryProcessor(ITelemetryQueueReceiver receiver, ITelemetryStore store, TimeProvider clock, ILogger<TelemetryProcessor> logger) : BackgroundService
{
    /// <summary>How long the newest stored batch waited between the ingress and the database: the queue lag.</summary>
    public TimeSpan LastLag { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var received = await receiver.ReceiveAsync(64, TimeSpan.FromSeconds(1), stoppingToken);
            if (received.Count == 0) continue;

            var batch = new List<Domain.Ingestion.AcceptedTelemetry>();
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
                    await receiver.DeadLetterAsync(message, "MalformedBatch", e.Message, stoppingToken);
                }
            }

            try
            {
                await store.StoreAsync(batch, stoppingToken);
                foreach (var message in decoded) await receiver.CompleteAsync(message, stoppingToken);
                if (batch.Count > 0) LastLag = clock.GetUtcNow() - batch.Min(m => m.ReceivedAt);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Storing {Count} messages failed; abandoning them for redelivery", batch.Count);
                foreach (var message in decoded) await receiver.AbandonAsync(message, stoppingToken);
            }
        }
    }
}

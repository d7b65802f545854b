using FactoryCloud.Infrastructure.Resilience;
using FactoryCloud.Infrastructure.Telemetry.Store;
using Microsoft.Extensions.Hosting;
using Polly;

namespace FactoryCloud.Infrastructure.Pipeline.Inbox;

/// <summary>
/// Stores what the inbox holds, in id order and in large batches (the processor of the embedded default, as
/// <see cref="TelemetryProcessor"/> is for Service Bus). A batch leaves the inbox only after its transaction
/// committed; a failed batch is retried, never skipped, and storing one again changes nothing.
/// </summary>
public sealed class InboxProcessor(TelemetryInbox inbox, ITelemetryStore store, InboxOptions options, TimeProvider clock, ILogger<InboxProcessor> logger) : BackgroundService
{
    private readonly ResiliencePipeline _retry = Retries.StoreBatch(clock, logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var (upTo, batch) = await inbox.NextBatchAsync(options.ProcessBatch, stoppingToken);
            var started = clock.GetTimestamp();
            await StoreAsync(batch, stoppingToken);
            inbox.MarkProcessed(upTo, batch);
            if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("Stored {Count} messages from the inbox in {Milliseconds:N1} ms; {Pending} waiting", batch.Count, clock.GetElapsedTime(started).TotalMilliseconds, inbox.Pending);
        }
    }

    private async Task StoreAsync(List<Domain.MachineHistory.AcceptedTelemetry> batch, CancellationToken ct)
    {
        if (batch.Count > 0) await _retry.ExecuteAsync(async token => await store.StoreAsync(batch, token), ct);
    }
}

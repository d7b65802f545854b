using System.Diagnostics;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Observability;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Sends accepted messages to the queue in batches, one queue message per machine (its partition/session keeps the
/// machine's messages in order). A device's message is acknowledged only when the queue has accepted its batch.
/// </summary>
public sealed class QueueSink : IAcceptedTelemetrySink, IAsyncDisposable
{
    private const int MessagesPerQueueMessage = 200;
    private readonly BatchingChannel<AcceptedTelemetry> _batches;

    public QueueSink(ITelemetryQueueSender sender) =>
        _batches = new BatchingChannel<AcceptedTelemetry>((batch, ct) => SendAsync(sender, batch, ct), maxBatch: 2000, capacity: 20_000);

    public Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken) => _batches.WriteAsync(message, cancellationToken);

    public static IReadOnlyList<QueueMessage> ToQueueMessages(IReadOnlyList<AcceptedTelemetry> batch) =>
        batch.GroupBy(m => m.MachineId)
            .SelectMany(machine => machine.Chunk(MessagesPerQueueMessage))
            .Select(chunk => new QueueMessage(TelemetryBatchCodec.MessageId(chunk), chunk[0].MachineId.ToString("N"), TelemetryBatchCodec.Encode(chunk)))
            .ToList();

    private static async Task SendAsync(ITelemetryQueueSender sender, IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
    {
        using var activity = IngestionInstruments.Source.StartActivity("telemetry enqueue", ActivityKind.Producer);
        var messages = ToQueueMessages(batch);
        activity?.SetTag("factorycloud.telemetry.messages", batch.Count);
        activity?.SetTag("messaging.batch.message_count", messages.Count);
        try
        {
            await sender.SendAsync(messages, ct);
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();
}

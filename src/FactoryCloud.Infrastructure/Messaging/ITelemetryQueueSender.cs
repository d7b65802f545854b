namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>Enqueues telemetry for the processor.</summary>
public interface ITelemetryQueueSender
{
    /// <summary>
    /// Enqueues every message of <paramref name="batch"/>. Returns only when the queue has accepted all of them; throws
    /// (<see cref="TelemetryQueueException"/>, <see cref="OperationCanceledException"/>) otherwise, in which case any
    /// subset may have been enqueued: do not acknowledge the devices, let them resend (message ids make that safe).
    /// </summary>
    Task SendAsync(IReadOnlyList<QueueMessage> batch, CancellationToken cancellationToken);
}

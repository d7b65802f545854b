using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Takes accepted messages onward: to the queue (Service Bus), or straight into the database on the embedded
/// default. The task completes when the message is durable; only then may the device be acknowledged.
/// </summary>
public interface IAcceptedTelemetrySink
{
    Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken);
}

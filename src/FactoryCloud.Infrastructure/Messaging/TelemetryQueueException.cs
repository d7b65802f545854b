namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>The queue could not perform an operation (broker unreachable, refused, timed out, lock lost).</summary>
public class TelemetryQueueException : Exception
{
    public TelemetryQueueException()
    {
    }

    public TelemetryQueueException(string message)
        : base(message)
    {
    }

    public TelemetryQueueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

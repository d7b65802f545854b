namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>Whether this process takes messages in, and whether it knows which device published each.</summary>
public enum PipelineIngress
{
    /// <summary>No broker in this process (a processor-only host).</summary>
    None,

    /// <summary>A broker that authenticates each device (the built-in broker): dedup keys carry the device.</summary>
    AuthenticatedDevices,

    /// <summary>A broker subscribed to by the worker (external): the publishing device is unknown, keys carry the machine.</summary>
    UnknownDevices,
}

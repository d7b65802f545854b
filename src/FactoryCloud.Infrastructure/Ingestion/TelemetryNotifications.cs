using FactoryCloud.Infrastructure.Tenancy;

namespace FactoryCloud.Infrastructure.Ingestion;

/// <summary>
/// Raised in this process after a tenant's telemetry was committed, so live views refresh at once instead of
/// polling. Only views in the process that stores the data hear it; others fall back to their slow refresh.
/// </summary>
public sealed class TelemetryNotifications : ITenantChanges
{
    public event Action<Guid>? Changed;

    /// <summary>Like <see cref="Changed"/>, with the machines the commit touched (alert evaluation looks at those only).</summary>
    public event Action<Guid, IReadOnlyCollection<Guid>>? Committed;

    public void Publish(Guid tenantId) => Changed?.Invoke(tenantId);

    public void Publish(Guid tenantId, IReadOnlyCollection<Guid> machineIds)
    {
        Committed?.Invoke(tenantId, machineIds);
        Changed?.Invoke(tenantId);
    }
}

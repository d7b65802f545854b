namespace FactoryCloud.Infrastructure.Ingestion;

/// <summary>
/// Raised in this process after a tenant's telemetry was committed, so live views refresh at once instead of
/// polling. Only views in the process that stores the data hear it; others fall back to their slow refresh.
/// </summary>
public sealed class TelemetryNotifications
{
    public event Action<Guid>? Stored;

    /// <summary>Like <see cref="Stored"/>, with the machines the commit touched (alert evaluation looks at those only).</summary>
    public event Action<Guid, IReadOnlyCollection<Guid>>? Committed;

    public void Publish(Guid tenantId) => Stored?.Invoke(tenantId);

    public void Publish(Guid tenantId, IReadOnlyCollection<Guid> machineIds)
    {
        Committed?.Invoke(tenantId, machineIds);
        Stored?.Invoke(tenantId);
    }
}

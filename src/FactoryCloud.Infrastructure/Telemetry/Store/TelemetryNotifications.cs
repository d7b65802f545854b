namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// Announces that a tenant's telemetry was committed, so live views refresh at once instead of polling. On
/// PostgreSQL, <see cref="Persistence.Postgres.PostgresChangeFeed"/> carries commits between processes (the worker that
/// stores, every web instance that shows); on the embedded default everything happens in one process.
/// </summary>
public sealed class TelemetryNotifications : ITenantChanges
{
    /// <summary>A commit of the tenant's telemetry, in this process or another.</summary>
    public event Action<Guid>? Changed;

    /// <summary>A commit in this process, with the machines it touched (alert evaluation looks at those only).</summary>
    public event Action<Guid, IReadOnlyCollection<Guid>>? Committed;

    public void Publish(Guid tenantId, IReadOnlyCollection<Guid> machineIds)
    {
        Committed?.Invoke(tenantId, machineIds);
        Changed?.Invoke(tenantId);
    }

    /// <summary>A commit another process announced: views refresh; alerts were evaluated where it was stored.</summary>
    public void Relay(Guid tenantId) => Changed?.Invoke(tenantId);
}

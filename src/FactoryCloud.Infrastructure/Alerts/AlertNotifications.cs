namespace FactoryCloud.Infrastructure.Alerts;

/// <summary>
/// Announces that a tenant's alerts changed (raised, cleared, acknowledged, closed), so the bell and the alert list
/// refresh at once; on PostgreSQL also in the other processes (<see cref="Persistence.Postgres.PostgresChangeFeed"/>).
/// </summary>
public sealed class AlertNotifications : ITenantChanges
{
    /// <summary>A change in this process or another.</summary>
    public event Action<Guid>? Changed;

    /// <summary>A change made in this process (what the change feed passes on).</summary>
    public event Action<Guid>? ChangedHere;

    public void Publish(Guid tenantId)
    {
        ChangedHere?.Invoke(tenantId);
        Changed?.Invoke(tenantId);
    }

    /// <summary>A change another process announced.</summary>
    public void Relay(Guid tenantId) => Changed?.Invoke(tenantId);
}

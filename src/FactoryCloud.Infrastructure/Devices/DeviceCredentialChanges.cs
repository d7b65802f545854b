namespace FactoryCloud.Infrastructure.Devices;

/// <summary>
/// Announces that a tenant's device credentials were rotated or revoked, so a broker disconnects the device at once
/// and forgets its cached credentials; on PostgreSQL also in the other processes (<see cref="Persistence.Postgres.PostgresChangeFeed"/>).
/// </summary>
public sealed class DeviceCredentialChanges : ITenantChanges
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

    /// <summary>The change feed (re)started listening: a change announced before may have been missed.</summary>
    public event Action? MayHaveMissed;

    /// <summary>A change another process announced.</summary>
    public void Relay(Guid tenantId) => Changed?.Invoke(tenantId);

    public void RelayMissed() => MayHaveMissed?.Invoke();
}

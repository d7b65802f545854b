using FactoryCloud.Infrastructure.Tenancy;

namespace FactoryCloud.Infrastructure.Alerts;

/// <summary>
/// Raised in this process when a tenant's alerts changed (raised, cleared, acknowledged, closed), so the bell and
/// the alert list refresh at once. Views in another process fall back to their slow refresh.
/// </summary>
public sealed class AlertNotifications : ITenantChanges
{
    public event Action<Guid>? Changed;

    public void Publish(Guid tenantId) => Changed?.Invoke(tenantId);
}

using FactoryCloud.Domain.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>Stamps the scope's tenant on new tenant-owned rows and refuses any write outside that tenant.</summary>
internal static class TenantWriteGuard
{
    public static void Check(ChangeTracker changeTracker, DataScope scope)
    {
        foreach (var entry in changeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (entry.Entity.TenantId == Guid.Empty)
                        entry.Entity.TenantId = scope.TenantId
                            ?? throw new TenantMismatchException($"A new {entry.Metadata.ClrType.Name} needs a tenant, but no tenant is active.");
                    EnsureCurrent(entry, entry.Entity.TenantId, scope);
                    break;
                case EntityState.Modified:
                case EntityState.Deleted:
                    var original = entry.Property(e => e.TenantId).OriginalValue;
                    EnsureCurrent(entry, original, scope);
                    EnsureCurrent(entry, entry.Entity.TenantId, scope);
                    break;
            }
        }
    }

    private static void EnsureCurrent(EntityEntry entry, Guid tenantId, DataScope scope)
    {
        if (scope.TenantId is null || tenantId != scope.TenantId)
            throw new TenantMismatchException(
                $"Refused to write {entry.Metadata.ClrType.Name} of tenant {tenantId} while tenant {scope.TenantId?.ToString() ?? "(none)"} is active.");
    }
}

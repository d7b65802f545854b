namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>
/// Whose data a unit of work may see. Tenant-owned rows are visible only to their tenant; the one exception is a
/// user's own memberships, which are visible to that user in any tenant (to list the tenants they can switch to).
/// </summary>
public sealed record DataScope(Guid? TenantId, Guid? UserId)
{
    /// <summary>Sees no tenant-owned data at all: for work that touches shared tables only (sign-in, sign-up).</summary>
    public static readonly DataScope None = new(null, null);

    public static DataScope ForTenant(Guid tenantId, Guid? userId = null) => new(tenantId, userId);

    public static DataScope ForUser(Guid userId) => new(null, userId);
}

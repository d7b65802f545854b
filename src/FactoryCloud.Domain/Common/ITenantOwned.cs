namespace FactoryCloud.Domain.Common;

/// <summary>
/// Marks an entity that belongs to exactly one tenant. The data layer scopes every query on it to the
/// current tenant, stamps <see cref="TenantId"/> on insert and refuses to save a row of another tenant.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>An in-process announcement that something of a tenant changed, so open views refresh at once.</summary>
public interface ITenantChanges
{
    event Action<Guid>? Changed;
}

using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>A verified membership with the tenant's display fields.</summary>
public sealed record ActiveMembership(Guid TenantId, string TenantName, string TenantSlug, TenantRole Role);

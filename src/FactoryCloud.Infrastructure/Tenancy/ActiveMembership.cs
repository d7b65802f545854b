using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>A verified membership with the tenant's display fields.</summary>
/// <param name="NeedsTwoFactorSetup">
/// The organisation requires two-factor sign-in and the account has not set it up: until it does, the member may only
/// set it up (or sign out) in this organisation.
/// </param>
/// <param name="DeletionPurgeAfter">
/// The organisation is scheduled for deletion, to be purged at this time: until an Owner restores it, its members can
/// reach only the page that says so (and Owners the restore).
/// </param>
public sealed record ActiveMembership(Guid TenantId, string TenantName, string TenantSlug, TenantRole Role, bool NeedsTwoFactorSetup = false,
    DateTimeOffset? DeletionPurgeAfter = null);

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Tenancy;

/// <summary>A customer organisation.</summary>
[SharedEntity("The tenant registry itself: a user resolves which tenants they belong to before any tenant is active.")]
public sealed class Tenant
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Every member who signs in with a FactoryCloud password must use two-factor sign-in (an authenticator app) in
    /// this organisation; members without it are sent to set it up before they can do anything else here.
    /// </summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>When an Owner deleted the organisation (soft delete); null while it is in use. See <see cref="TenantDeletion"/>.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The Owner who deleted it.</summary>
    public Guid? DeletedByUserId { get; set; }

    /// <summary>From when the purge job deletes everything it owns; until then an Owner can restore it.</summary>
    public DateTimeOffset? PurgeAfter { get; set; }

    public bool IsScheduledForDeletion => DeletedAt is not null;
}

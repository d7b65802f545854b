using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>
/// The signed-in user's active tenant and role, resolved once per request or once per Blazor circuit from the
/// authenticated user's verified membership (never from a header, query string or form value).
/// </summary>
public sealed class CurrentTenant
{
    public Guid? TenantId { get; private set; }
    public Guid? UserId { get; private set; }
    public TenantRole? Role { get; private set; }
    public string? TenantName { get; private set; }
    public string? TenantSlug { get; private set; }

    /// <summary>The organisation requires two-factor sign-in and this member has not set it up yet.</summary>
    public bool NeedsTwoFactorSetup { get; private set; }

    /// <summary>The organisation is scheduled for deletion, to be purged at this time (see <see cref="ActiveMembership.DeletionPurgeAfter"/>).</summary>
    public DateTimeOffset? DeletionPurgeAfter { get; private set; }

    public bool IsResolved => TenantId is not null;

    public DataScope Scope => new(TenantId, UserId);

    public void Set(Guid userId, ActiveMembership? membership)
    {
        UserId = userId;
        TenantId = membership?.TenantId;
        Role = membership?.Role;
        TenantName = membership?.TenantName;
        TenantSlug = membership?.TenantSlug;
        NeedsTwoFactorSetup = membership?.NeedsTwoFactorSetup ?? false;
        DeletionPurgeAfter = membership?.DeletionPurgeAfter;
    }

    public void Clear() => Set(Guid.Empty, null);

    public Guid RequireTenantId() =>
        TenantId ?? throw new TenantMismatchException("No tenant is active for this request.");
}

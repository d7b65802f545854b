using System.Security.Claims;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Claim names. <see cref="PreferredTenant"/> is the user's choice, kept in the sign-in cookie or token; the
/// <see cref="MembershipIdentityType"/> identity is added per request only after the membership is verified.
/// </summary>
public static class TenantClaims
{
    public const string PreferredTenant = "fc:preferred_tenant";
    public const string TenantId = "fc:tenant_id";
    public const string TenantName = "fc:tenant_name";
    public const string TenantSlug = "fc:tenant_slug";
    public const string Role = "fc:role";
    public const string NeedsTwoFactorSetup = "fc:needs_two_factor_setup";
    public const string DeletionPurgeAfter = "fc:deletion_purge_after";
    public const string MembershipIdentityType = "FactoryCloud.Membership";

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? PreferredTenantId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(PreferredTenant), out var id) ? id : null;

    public static ClaimsIdentity ToIdentity(ActiveMembership membership)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(TenantId, membership.TenantId.ToString()),
                new Claim(TenantName, membership.TenantName),
                new Claim(TenantSlug, membership.TenantSlug),
                new Claim(Role, membership.Role.ToString()),
            ],
            MembershipIdentityType);
        if (membership.NeedsTwoFactorSetup) identity.AddClaim(new Claim(NeedsTwoFactorSetup, "true"));
        if (membership.DeletionPurgeAfter is { } purgeAfter)
            identity.AddClaim(new Claim(DeletionPurgeAfter, purgeAfter.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }

    /// <summary>The verified membership, read only from the identity the claims transformation added.</summary>
    public static ActiveMembership? VerifiedMembership(this ClaimsPrincipal principal)
    {
        var identity = principal.Identities.FirstOrDefault(i => i.AuthenticationType == MembershipIdentityType);
        if (identity is null
            || !Guid.TryParse(identity.FindFirst(TenantId)?.Value, out var tenantId)
            || !Enum.TryParse<TenantRole>(identity.FindFirst(Role)?.Value, out var role))
            return null;
        DateTimeOffset? purgeAfter = long.TryParse(identity.FindFirst(DeletionPurgeAfter)?.Value, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        return new ActiveMembership(tenantId, identity.FindFirst(TenantName)?.Value ?? "", identity.FindFirst(TenantSlug)?.Value ?? "", role,
            identity.HasClaim(NeedsTwoFactorSetup, "true"), purgeAfter);
    }

    /// <summary>Fills the scoped <see cref="CurrentTenant"/> from a verified principal.</summary>
    public static void SetFrom(this CurrentTenant current, ClaimsPrincipal principal)
    {
        if (principal.UserId() is { } userId) current.Set(userId, principal.VerifiedMembership());
        else current.Clear();
    }
}

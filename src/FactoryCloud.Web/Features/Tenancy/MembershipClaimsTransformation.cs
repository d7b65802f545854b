using System.Security.Claims;
using FactoryCloud.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Verifies on every request that the signed-in user still belongs to their preferred tenant and adds the
/// membership (tenant, role, and whether the organisation still waits for this member's two-factor set-up) as a
/// separate identity. Removing a member takes effect on their next request.
/// </summary>
public sealed class MembershipClaimsTransformation(MembershipDirectory directory) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.UserId() is not { } userId
            || principal.Identities.Any(i => i.AuthenticationType == TenantClaims.MembershipIdentityType))
            return principal;

        var membership = await directory.ResolveAsync(userId, principal.PreferredTenantId());
        if (membership is null) return principal;
        // The organisation's two-factor requirement is about FactoryCloud passwords: a Microsoft Entra sign-in follows
        // the customer's own Entra policies (conditional access, MFA), which FactoryCloud cannot ask for a code.
        if (membership.NeedsTwoFactorSetup && TwoFactorRequirement.SignedInWithEntra(principal)) membership = membership with { NeedsTwoFactorSetup = false };

        var transformed = new ClaimsPrincipal(principal.Identities.Select(i => i.Clone()));
        transformed.AddIdentity(TenantClaims.ToIdentity(membership));
        return transformed;
    }
}

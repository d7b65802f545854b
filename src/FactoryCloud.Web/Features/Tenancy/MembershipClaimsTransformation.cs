using System.Security.Claims;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Verifies on every request that the signed-in user still belongs to their preferred tenant and adds the
/// membership (tenant and role) as a separate identity. Removing a member takes effect on their next request.
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

        var transformed = new ClaimsPrincipal(principal.Identities.Select(i => i.Clone()));
        transformed.AddIdentity(TenantClaims.ToIdentity(membership));
        return transformed;
    }
}

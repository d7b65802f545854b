using System.Security.Claims;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Entra;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Whether a principal signed in earlier still has the access it was given: the user exists with the same security
/// stamp (a password change or sign-out everywhere changes it), an Entra sign-in is within its lifetime, and the
/// membership it was granted still holds (<see cref="MembershipAccess"/>).
/// </summary>
public sealed class SessionAccessCheck(
    UserManager<AppUser> users,
    MembershipDirectory memberships,
    TimeProvider clock,
    IOptions<EntraOptions> entra,
    IOptions<IdentityOptions> identity)
{
    public async Task<bool> StillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.UserId() is not { } userId) return true; // anonymous: nothing to lose
        if (EntraSession.HasEnded(principal, clock.GetUtcNow(), entra.Value.SessionLifetime)) return false;
        if (await users.FindByIdAsync(userId.ToString()) is not { } user) return false;
        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
            return false;

        var granted = principal.VerifiedMembership();
        var now = await memberships.ResolveAsync(userId, principal.PreferredTenantId(), cancellationToken);
        // The organisation was scheduled for deletion since: the circuit ends, and the next page shows the hold.
        if (granted is not null && granted.DeletionPurgeAfter is null && now?.DeletionPurgeAfter is not null) return false;
        return MembershipAccess.StillHolds(granted?.TenantId, granted?.Role, now?.TenantId, now?.Role);
    }
}

using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Entra;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Re-checks the user of an open Blazor circuit every <see cref="SessionRevalidationOptions.Interval"/>: still a member
/// of the circuit's tenant with at least its role (<see cref="MembershipAccess"/>), the same security stamp (password
/// change, sign-out everywhere), and an Entra sign-in within its lifetime. Otherwise the circuit is signed out and its
/// tenant cleared, so nothing more is read or written for it; HTTP requests are checked on every request already
/// (<see cref="MembershipClaimsTransformation"/>).
/// </summary>
public sealed class MembershipRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    CurrentTenant current,
    TimeProvider clock,
    IOptions<SessionRevalidationOptions> revalidation,
    IOptions<EntraOptions> entra,
    IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => revalidation.Value.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var valid = await StillValidAsync(authenticationState, cancellationToken);
        if (!valid) current.Clear();
        return valid;
    }

    private async Task<bool> StillValidAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var principal = state.User;
        if (principal.UserId() is not { } userId) return true;
        if (EntraSession.HasEnded(principal, clock.GetUtcNow(), entra.Value.SessionLifetime)) return false;

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId.ToString()) is not { } user) return false;
        if (users.SupportsUserSecurityStamp
            && principal.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value != await users.GetSecurityStampAsync(user))
            return false;

        var granted = principal.VerifiedMembership();
        var now = await scope.ServiceProvider.GetRequiredService<MembershipDirectory>()
            .ResolveAsync(userId, principal.PreferredTenantId(), cancellationToken);
        return MembershipAccess.StillHolds(granted?.TenantId, granted?.Role, now?.TenantId, now?.Role);
    }
}

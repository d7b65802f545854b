using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Re-checks the user of an open Blazor circuit every <see cref="SessionRevalidationOptions.Interval"/> with
/// <see cref="SessionAccessCheck"/>. When access has ended, the circuit is signed out and its tenant cleared, so
/// nothing more is read or written for it. HTTP requests are checked on every request already
/// (<see cref="MembershipClaimsTransformation"/>).
/// </summary>
public sealed class MembershipRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    CurrentTenant current,
    IOptions<SessionRevalidationOptions> revalidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => revalidation.Value.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var valid = await scope.ServiceProvider.GetRequiredService<SessionAccessCheck>().StillValidAsync(authenticationState.User, cancellationToken);
        if (!valid) current.Clear();
        return valid;
    }
}

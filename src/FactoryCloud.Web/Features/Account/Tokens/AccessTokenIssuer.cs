using System.Security.Claims;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>
/// Answers a sign-in or a refresh with a <see cref="TokenPair"/>: a bearer access token made by the bearer-token
/// scheme's own protector (so that scheme reads it, with its per-request security-stamp check) and a refresh token
/// of ours, stored hashed and rotated on use. ASP.NET's own refresh token (a self-contained ticket that cannot be
/// revoked) is never handed out.
/// </summary>
public sealed class AccessTokenIssuer(
    SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, RefreshTokens refreshTokens, TimeProvider clock)
{
    public async Task<TokenPair> SignInAsync(AppUser user, Guid? preferredTenantId, CancellationToken ct) =>
        await IssueAsync(user, preferredTenantId, await refreshTokens.StartFamilyAsync(user, preferredTenantId, ct));

    public async Task<TokenPair> IssueAsync(AppUser user, Guid? preferredTenantId, string refreshToken)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (preferredTenantId is { } tenantId)
            ((ClaimsIdentity)principal.Identity!).AddClaim(new(TenantClaims.PreferredTenant, tenantId.ToString()));
        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        return new TokenPair("Bearer", options.BearerTokenProtector.Protect(ticket), (long)options.BearerTokenExpiration.TotalSeconds, refreshToken);
    }
}

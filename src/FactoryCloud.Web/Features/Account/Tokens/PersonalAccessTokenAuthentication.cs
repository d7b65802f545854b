using System.Security.Claims;
using System.Text.Encodings.Web;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>
/// Signs in a request that carries <c>Authorization: Bearer fc_pat_…</c> as the token's member, in the token's tenant
/// only, while the token is neither revoked nor expired and the member still belongs to the tenant. The token's scopes
/// travel as a claim and are enforced by <see cref="PersonalAccessTokenScopeCheck"/>. Use is recorded in
/// <see cref="PersonalAccessToken.LastUsedAt"/> at most once per <see cref="PersonalAccessTokenRules.LastUsedResolution"/>.
/// </summary>
public sealed class PersonalAccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContextFactory contexts, MembershipDirectory memberships, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    public const string TokenIdClaim = "fc:pat_id";
    public const string ScopesClaim = "fc:pat_scopes";

    private const string BearerPrefix = "Bearer ";

    /// <summary>Whether <paramref name="authorization"/> carries a personal access token rather than a session's access token.</summary>
    public static bool Carries(string authorization) =>
        authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
        && TokenSecret.IsPersonalAccessToken(authorization[BearerPrefix.Length..].TrimStart());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!Carries(header)) return AuthenticateResult.NoResult();
        var secret = header[BearerPrefix.Length..].Trim();
        if (!TokenSecret.TryReadTenant(secret, out var tenantId)) return AuthenticateResult.Fail("Not a personal access token.");

        var now = clock.GetUtcNow();
        var hash = TokenSecret.Hash(secret);
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var token = await db.PersonalAccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (token is null || !token.IsUsableAt(now)) return AuthenticateResult.Fail("The personal access token is unknown, revoked or expired.");
        if (await memberships.ResolveAsync(token.UserId, tenantId, Context.RequestAborted) is null)
            return AuthenticateResult.Fail("The token's owner no longer belongs to its organisation.");

        if (PersonalAccessTokenRules.ShouldRecordUse(token.LastUsedAt, now))
        {
            // Conditional, so concurrent calls of one script write once per interval, not once each.
            var since = now - PersonalAccessTokenRules.LastUsedResolution;
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= since))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()),
                new Claim(TenantClaims.PreferredTenant, tenantId.ToString()),
                new Claim(TokenIdClaim, token.Id.ToString()),
                new Claim(ScopesClaim, token.Scopes),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

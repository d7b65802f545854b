using Microsoft.AspNetCore.Authentication;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>Registers refresh tokens, personal access tokens and the per-request stamp check of the sign-in cookie.</summary>
public static class TokenSetup
{
    public static AuthenticationBuilder AddAccessTokens(this AuthenticationBuilder authentication)
    {
        var services = authentication.Services;
        services.AddScoped<RefreshTokens>();
        services.AddScoped<AccessTokenIssuer>();
        services.AddScoped<PersonalAccessTokenService>();
        services.CheckCookieStampOnEveryRequest();
        return authentication.AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenAuthentication>(PersonalAccessTokenAuthentication.SchemeName, null);
    }
}

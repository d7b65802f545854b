using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>
/// Checks the sign-in cookie's security stamp against the user's on every request (one lookup by key), instead of
/// only every 30 minutes as Identity's validator does: a sign-out, password change, removal or role change ends a
/// copied 14-day cookie at once. Identity's periodic validator still runs afterwards to refresh the claims.
/// </summary>
public static class CookieStampCheck
{
    public static IServiceCollection CheckCookieStampOnEveryRequest(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var periodic = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (!await StampIsCurrentAsync(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await periodic(context);
            };
        });

    private static async Task<bool> StampIsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (context.Principal is not { } principal || principal.UserId() is not { } userId) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var presented = principal.FindFirst(claimType)?.Value;
        return presented is not null
            && await users.FindByIdAsync(userId.ToString()) is { } user
            && await users.GetSecurityStampAsync(user) == presented;
    }
}

using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>Form posts that change the sign-in cookie: switching tenant and signing out.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription().WithMetadata(new RequireAntiforgeryTokenAttribute());
        account.MapPost("/switch-tenant", SwitchTenant).RequireAuthorization();
        account.MapPost("/logout", async (HttpContext context, SignInManager<AppUser> signIn) =>
        {
            // A new security stamp ends this cookie everywhere it was copied, and the user's tokens (see CookieStampCheck).
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });
        return app;
    }

    /// <summary>Keeps the choice in the cookie (per browser session) only after checking the membership.</summary>
    private static async Task<IResult> SwitchTenant(
        HttpContext context, UserManager<AppUser> users, SignInManager<AppUser> signIn, MembershipDirectory directory)
    {
        var form = await context.Request.ReadFormAsync();
        var user = await users.GetUserAsync(context.User);
        if (user is null || !Guid.TryParse(form["tenantId"], out var tenantId)) return TypedResults.LocalRedirect("~/");
        var memberships = await directory.ListForUserAsync(user.Id, context.RequestAborted);
        if (memberships.All(m => m.TenantId != tenantId)) return TypedResults.NotFound();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(TenantClaims.PreferredTenant, tenantId.ToString())]);
        return TypedResults.LocalRedirect("~/");
    }
}

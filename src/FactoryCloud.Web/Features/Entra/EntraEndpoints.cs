using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Account;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>
/// The Entra sign-in round trip: <c>/account/entra/signin</c> (or <c>/link</c> for an Owner) challenges Entra ID;
/// the OpenID Connect handler validates the id_token on <c>/signin-oidc</c> into the external cookie; <c>/complete</c>
/// maps it to a FactoryCloud user and signs them in with the application cookie (or links the organisation).
/// </summary>
public static class EntraEndpoints
{
    public const string NotRegisteredPath = "/account/entra/not-registered";
    private const string IntentKey = "fc:entra-intent";
    private const string LinkIntent = "link";

    public static IEndpointRouteBuilder MapEntraEndpoints(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<EntraOptions>>().Value.Enabled) return app;
        var entra = app.MapGroup("/account/entra").ExcludeFromDescription();
        entra.MapGet("/signin", (string? returnUrl) => Challenge(null, returnUrl)).AllowAnonymous();
        entra.MapPost("/link", () => Challenge(LinkIntent, "/settings/entra"))
            .RequireAuthorization(TenantPolicies.ManageMembers).WithMetadata(new RequireAntiforgeryTokenAttribute());
        entra.MapGet("/complete", CompleteAsync).AllowAnonymous();
        return app;
    }

    private static string RefusalText(EntraSignInStatus status) => status switch
    {
        EntraSignInStatus.NotInvited => "Not invited and not in the organisation's Entra group",
        EntraSignInStatus.LeftGroup => "Joined through the organisation's Entra group and is no longer in it",
        EntraSignInStatus.EmailTaken => "A local account already uses the address",
        EntraSignInStatus.NoEmail => "The Microsoft account has no address",
        _ => status.ToString(),
    };

    private static IResult Challenge(string? intent, string? returnUrl)
    {
        var properties = new AuthenticationProperties { RedirectUri = "/account/entra/complete?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl.From(returnUrl)) };
        if (intent is not null) properties.Items[IntentKey] = intent;
        return TypedResults.Challenge(properties, [EntraOptions.SignInScheme]);
    }

    private static async Task<IResult> CompleteAsync(
        HttpContext context, string? returnUrl, EntraSignInService signIns, EntraLinkService links,
        SignInManager<AppUser> signInManager, UserManager<AppUser> users, SignInAudit audit, TimeProvider clock)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || EntraIdentity.From(external.Principal!) is not { } identity)
            return TypedResults.LocalRedirect("~/account/login");

        if (external.Properties?.Items.TryGetValue(IntentKey, out var intent) == true && intent == LinkIntent)
        {
            var linked = await links.LinkAsync(identity, context.RequestAborted);
            return TypedResults.LocalRedirect("~/settings/entra" + (linked.Succeeded ? "?linked=true" : "?error=" + Uri.EscapeDataString(linked.Failure!.Message)));
        }

        var result = await signIns.SignInAsync(identity, context.RequestAborted);
        if (result.Status != EntraSignInStatus.SignedIn || await users.FindByIdAsync(result.UserId!.Value.ToString()) is not { } user)
        {
            // An unlinked Entra tenant belongs to no organisation, so only a linked one's refusals are recorded.
            if (result.TenantId is { } refusedBy)
                await audit.EntraRefusedAsync(refusedBy, result.UserId, identity.Email, RefusalText(result.Status), context.RequestAborted);
            return TypedResults.LocalRedirect($"~{NotRegisteredPath}?reason={result.Status}");
        }
        await audit.SucceededAsync(user, result.TenantId, SignInAudit.Entra, context.RequestAborted);
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false,
            [new(TenantClaims.PreferredTenant, result.TenantId!.Value.ToString()), EntraSession.Stamp(clock.GetUtcNow())]);
        return TypedResults.LocalRedirect(SafeReturnUrl.From(returnUrl));
    }
}

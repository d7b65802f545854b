using System.Security.Claims;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Entra;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Holds a member of an organisation that requires two-factor sign-in (<see cref="FactoryCloud.Domain.Tenancy.Tenant.RequireTwoFactor"/>)
/// at the set-up page until their account has it: a page request is redirected to <see cref="SetupPath"/>, an API call
/// answers 403 problem details whose <c>reason</c> is <see cref="Reason"/>. Only the account pages (setting up two-factor
/// sign-in, changing the password, signing out), the Blazor and static files behind them, <c>/api/v1/me</c> and the
/// token endpoints under <c>/api/v1/auth</c> stay open. Runs after the membership is resolved; inside an open circuit the
/// main layout shows the same hold (<see cref="CurrentTenant.NeedsTwoFactorSetup"/>).
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetupPath = "/account/two-factor";
    public const string Reason = "two-factor-required";
    public const string Title = "Two-factor sign-in required.";

    public static string Detail(string? organisation) =>
        $"The organisation {organisation} requires two-factor sign-in. Set it up at {SetupPath} (signed in with the browser), then sign in again with a code.";

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentTenant>();
        if (!current.NeedsTwoFactorSetup || IsOpen(context.Request))
        {
            await next(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api") || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden, Title = Title, Detail = Detail(current.TenantName),
                    Extensions = { ["reason"] = Reason },
                },
            });
            return;
        }
        context.Response.Redirect($"{SetupPath}?required=true");
    });

    /// <summary>What a member who must set up two-factor sign-in may still reach.</summary>
    public static bool IsOpen(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api"))
            return path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/api/v1/me");
        return path.StartsWithSegments("/account") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework")
            || path.StartsWithSegments("/_content") || path.StartsWithSegments("/error") || path.StartsWithSegments("/health")
            || Path.HasExtension(path.Value); // static files (css, js, fonts, icons)
    }

    /// <summary>Signed in through Microsoft Entra ID (the interactive sign-in's cookie, or an Entra access token).</summary>
    public static bool SignedInWithEntra(ClaimsPrincipal principal) =>
        principal.HasClaim(c => c.Type == EntraSession.SignedInAtClaim)
        || principal.Identities.Any(i => i.AuthenticationType == EntraOptions.BearerScheme);
}

using Microsoft.AspNetCore.Mvc;

namespace FactoryCloud.Web.Common.Security;

/// <summary>
/// A hold keeps a signed-in member at one page until something is settled (two-factor sign-in to set up, an
/// organisation scheduled for deletion): a page request is redirected there; an API call, or any request that is not a
/// GET or HEAD, answers 403 with the hold's problem details. What every hold leaves open is listed once, here.
/// </summary>
public static class MemberHolds
{
    /// <summary>
    /// Open under every hold: the account pages (two-factor set-up, password, switching organisation, signing out), the
    /// Blazor and static files behind them, errors and health, <c>/api/v1/me</c> and the token endpoints.
    /// </summary>
    public static bool IsAlwaysOpen(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api"))
            return path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/api/v1/me");
        return path.StartsWithSegments("/account") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework")
            || path.StartsWithSegments("/_content") || path.StartsWithSegments("/error") || path.StartsWithSegments("/health")
            || Path.HasExtension(path.Value); // static files (css, js, fonts, icons)
    }

    /// <param name="holdOf">The hold on this request, or null when it may pass (its open paths already checked).</param>
    public static IApplicationBuilder UseMemberHold(this IApplicationBuilder app, Func<HttpContext, MemberHold?> holdOf) => app.Use(async (context, next) =>
    {
        if (holdOf(context) is not { } hold)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            hold.Problem.Status = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = hold.Problem });
            return;
        }
        context.Response.Redirect(hold.PagePath);
    });
}

/// <summary>Where a held member's pages go, and what a held API call or form post answers.</summary>
public sealed record MemberHold(string PagePath, ProblemDetails Problem);

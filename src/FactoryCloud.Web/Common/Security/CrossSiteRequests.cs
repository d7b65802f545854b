using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Common.Security;

/// <summary>
/// Refuses cross-site writes to the API: a POST, PUT, PATCH or DELETE under <c>/api</c> that a browser would send with
/// the sign-in cookie is refused (403 problem details) when its <c>Origin</c> is another site's, or, without an
/// <c>Origin</c>, when the browser marks it <c>Sec-Fetch-Site: cross-site</c>. The app's own origin is the request's
/// (scheme and host, as forwarded headers set them) or <c>App:PublicBaseUrl</c>. Calls with a bearer token carry no
/// ambient credential and are not checked; neither are clients that send neither header (scripts, curl).
/// Blazor's own form posts are outside <c>/api</c> and carry antiforgery tokens.
/// </summary>
public static class CrossSiteRequests
{
    public static WebApplication UseCrossSiteRequestChecks(this WebApplication app)
    {
        var publicBase = app.Services.GetRequiredService<IOptions<PublicAddress>>().Value.PublicBaseUrl;
        var publicOrigin = Uri.TryCreate(publicBase, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
        app.Use(async (context, next) =>
        {
            if (IsCrossSiteCookieWrite(context.Request, publicOrigin))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden, Title = "Cross-site request refused.",
                        Detail = "This API does not accept writes from another site's pages. Scripts use a bearer token.",
                    },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    public static bool IsCrossSiteCookieWrite(HttpRequest request, string? publicOrigin)
    {
        if (!request.Path.StartsWithSegments("/api")) return false;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return request.Headers["Sec-Fetch-Site"] == "cross-site";
        var own = $"{request.Scheme}://{request.Host}";
        return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(origin, publicOrigin, StringComparison.OrdinalIgnoreCase);
    }
}

namespace FactoryCloud.Web.Common.Security;

/// <summary>
/// Headers every response carries, pages and API alike (errors included: they are set before anything runs).
/// The CSP fits Blazor Server and MudBlazor: scripts only from the app itself (no inline script, so no import map:
/// the app loads no JS modules), styles also inline (MudBlazor sets style attributes, Blazor injects its reconnect
/// styles), the circuit's WebSocket to the same origin ('self' covers ws/wss), images and fonts from the app or data:
/// URLs, no frames of the app anywhere.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
        return app;
    }
}

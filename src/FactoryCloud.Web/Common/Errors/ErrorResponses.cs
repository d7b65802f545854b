using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace FactoryCloud.Web.Common.Errors;

/// <summary>
/// What a caller sees when a request fails, the same in every environment (Development included): problem details
/// with a trace id for API and script callers, the error page for a browser asking for a page; never an exception's
/// type, message or stack trace. The trace id is also in the log line of the failure.
/// </summary>
public static class ErrorResponses
{
    public const string ErrorPage = "/error";

    public static IServiceCollection AddErrorResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<SafeExceptionHandler>();
        // Minimal APIs answer a body they cannot read by throwing in Development only (a bare 400 elsewhere): throw
        // everywhere, so SafeExceptionHandler words every such 400 the same way.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // WebApplication adds the developer exception page in Development; it only sees what the exception handler
        // could not handle, and this filter answers in its place instead of showing the exception.
        services.AddSingleton<IDeveloperPageExceptionFilter, NoDeveloperPage>();
        return services;
    }

    /// <summary>First in the pipeline: exceptions and empty error responses become problem details or the error page.</summary>
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = ErrorPage, CreateScopeForErrors = true });
        // An empty error response (404 of an unknown address, 405, ...) gets a body: problem details, or for a browser
        // viewing a page, the error page. The outer middleware writes problem details; the inner one re-executes the
        // error page and is switched off for everything but page views (a re-execution needs a global route builder,
        // so it cannot sit in a UseWhen branch).
        app.UseStatusCodePages();
        app.UseStatusCodePagesWithReExecute(ErrorPage + "/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageView(context)) context.Features.Get<IStatusCodePagesFeature>()!.Enabled = false;
            return next(context);
        });
        return app;
    }

    /// <summary>A browser asking for a page (not the API): it gets an HTML page rather than problem details.</summary>
    public static bool IsPageRequest(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>A page request the status page can be re-executed for as it is (a form post would be taken for a submission).</summary>
    private static bool IsPageView(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && IsPageRequest(context);

    /// <summary>The id problem details carry as <c>traceId</c> (the default the problem details service adds).</summary>
    public static string TraceId(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;
}

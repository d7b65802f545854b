using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Account;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>
/// Holds the members of an organisation scheduled for deletion (<see cref="CurrentTenant.DeletionPurgeAfter"/>) at
/// <see cref="PagePath"/>, which says when it will be purged and lets an Owner restore it: a page request is redirected
/// there, an API call answers 403 problem details whose <c>reason</c> is <see cref="TenantDeletion.Reason"/> (with
/// <c>purgeAfter</c>). Still open: that page, <c>GET /api/v1/organisation/deletion</c>, <c>POST /api/v1/organisation/restore</c>
/// (Owners), <c>/api/v1/me</c>, the token endpoints and the account pages (switching to another organisation, signing out).
/// Inside an open circuit the main layout shows the same hold.
/// </summary>
public static class TenantDeletionHold
{
    public const string PagePath = "/organisation/deleted";
    public const string Title = "This organisation is scheduled for deletion.";
    public const string ProblemType = "urn:factorycloud:organisation-scheduled-for-deletion";

    public static IApplicationBuilder UseTenantDeletionHold(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentTenant>();
        if (current.DeletionPurgeAfter is not { } purgeAfter || IsOpen(context.Request))
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
                    Status = StatusCodes.Status403Forbidden, Title = Title, Type = ProblemType,
                    Detail = TenantDeletion.Detail(current.TenantName ?? "", purgeAfter),
                    Extensions = { ["reason"] = TenantDeletion.Reason, ["purgeAfter"] = purgeAfter },
                },
            });
            return;
        }
        context.Response.Redirect(PagePath);
    });

    /// <summary>What a member of an organisation scheduled for deletion may still reach.</summary>
    public static bool IsOpen(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api"))
            return path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/api/v1/me")
                || path.StartsWithSegments("/api/v1/organisation/restore") || path.StartsWithSegments("/api/v1/organisation/deletion");
        return path.StartsWithSegments(PagePath) || TwoFactorRequirement.IsOpen(request);
    }
}

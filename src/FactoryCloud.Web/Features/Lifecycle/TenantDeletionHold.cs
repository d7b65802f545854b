using FactoryCloud.Web.Common.Security;
using Microsoft.AspNetCore.Mvc;

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

    public static IApplicationBuilder UseTenantDeletionHold(this IApplicationBuilder app) => app.UseMemberHold(context =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentTenant>();
        if (current.DeletionPurgeAfter is not { } purgeAfter || IsOpen(context.Request)) return null;
        return new MemberHold(PagePath, new ProblemDetails
        {
            Title = Title, Type = ProblemType, Detail = TenantDeletion.Detail(current.TenantName ?? "", purgeAfter),
            Extensions = { ["reason"] = TenantDeletion.Reason, ["purgeAfter"] = purgeAfter },
        });
    });

    /// <summary>What a member of an organisation scheduled for deletion may still reach.</summary>
    public static bool IsOpen(HttpRequest request)
    {
        var path = request.Path;
        return path.StartsWithSegments(PagePath) || path.StartsWithSegments("/api/v1/organisation/restore")
            || path.StartsWithSegments("/api/v1/organisation/deletion") || MemberHolds.IsAlwaysOpen(request);
    }
}

using System.Security.Claims;
using FactoryCloud.Web.Common.Security;
using FactoryCloud.Web.Features.Entra;
using Microsoft.AspNetCore.Mvc;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Holds a member of an organisation that requires two-factor sign-in (<see cref="FactoryCloud.Domain.Tenancy.Tenant.RequireTwoFactor"/>)
/// at the set-up page until their account has it: a page request is redirected to <see cref="SetupPath"/>, an API call
/// answers 403 problem details whose <c>reason</c> is <see cref="Reason"/>. Only what every hold leaves open
/// (<see cref="MemberHolds.IsAlwaysOpen"/>: the account pages, <c>/api/v1/me</c>, the token endpoints) stays open. Runs after the membership is resolved; inside an open circuit the
/// main layout shows the same hold (<see cref="CurrentTenant.NeedsTwoFactorSetup"/>).
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetupPath = "/account/two-factor";
    public const string Reason = "two-factor-required";
    public const string Title = "Two-factor sign-in required.";

    public static string Detail(string? organisation) =>
        $"The organisation {organisation} requires two-factor sign-in. Set it up at {SetupPath} (signed in with the browser), then sign in again with a code.";

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.UseMemberHold(context =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentTenant>();
        if (!current.NeedsTwoFactorSetup || MemberHolds.IsAlwaysOpen(context.Request)) return null;
        return new MemberHold($"{SetupPath}?required=true", new ProblemDetails
        {
            Title = Title, Detail = Detail(current.TenantName), Extensions = { ["reason"] = Reason },
        });
    });

    /// <summary>Signed in through Microsoft Entra ID (the interactive sign-in's cookie, or an Entra access token).</summary>
    public static bool SignedInWithEntra(ClaimsPrincipal principal) =>
        principal.HasClaim(c => c.Type == EntraSession.SignedInAtClaim)
        || principal.Identities.Any(i => i.AuthenticationType == EntraOptions.BearerScheme);
}

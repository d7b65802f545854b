using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Common.RateLimiting;
using FactoryCloud.Web.Features.Account;
using FactoryCloud.Web.Features.Account.Tokens;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>REST endpoints for sign-up, tokens, the current tenant, the caller's start page, members and invitations.</summary>
public static class TenancyApi
{
    /// <param name="Code">For an account with two-factor sign-in: the authenticator app's current code, or a recovery code.</param>
    public sealed record LoginRequest(string Email, string Password, string? Tenant, string? Code = null);
    public sealed record RoleChange(TenantRole Role);
    public sealed record AcceptRequest(string Token);
    public sealed record MeResponse(Guid UserId, string? Email, ActiveMembership? Active, IReadOnlyList<ActiveMembership> Memberships);

    public static IEndpointRouteBuilder MapTenancyApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/signup", SignUp).AllowAnonymous().WithTags("Account").RequireRateLimiting(RateLimits.SignUp);
        api.MapPost("/auth/login", Login).AllowAnonymous().WithTags("Account").RequireRateLimiting(RateLimits.SignIn);
        api.MapGet("/me", Me).RequireAuthorization().WithTags("Account");

        var members = api.MapGroup("/members").WithTags("Members").RequireAuthorization(TenantPolicies.Member);
        members.MapGet("/", async (MembersService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        members.MapPut("/{id:guid}/role", async (Guid id, RoleChange body, MembersService service, CancellationToken ct) =>
            (await service.ChangeRoleAsync(id, body.Role, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManageMembers);
        members.MapDelete("/{id:guid}", async (Guid id, MembersService service, CancellationToken ct) =>
            (await service.RemoveAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManageMembers);

        // The caller's own start page in the current organisation (no id: nobody addresses another member's).
        var startPage = api.MapGroup("/account/start-page").WithTags("Account").RequireAuthorization(TenantPolicies.Member);
        startPage.MapGet("/", async (StartPageService service, CancellationToken ct) => (await service.GetAsync(ct)).ToResult(TypedResults.Ok));
        startPage.MapPut("/", async (StartPageRequest body, StartPageService service, CancellationToken ct) =>
            (await service.SetAsync(body, ct)).ToResult(TypedResults.Ok));

        var security = api.MapGroup("/organisation/security").WithTags("Members").RequireAuthorization(TenantPolicies.Member);
        security.MapGet("/", async (OrganisationSecurityService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(ct)));
        security.MapPut("/", async (OrganisationSecurity body, OrganisationSecurityService service, CancellationToken ct) =>
            (await service.SetAsync(body, ct)).ToResult()).RequireAuthorization(TenantPolicies.Owner);

        var invitations = api.MapGroup("/invitations").WithTags("Invitations");
        invitations.MapGet("/", async (InvitationService service, CancellationToken ct) => TypedResults.Ok(await service.ListOpenAsync(ct)))
            .RequireAuthorization(TenantPolicies.ManageMembers);
        invitations.MapPost("/", async (InvitationRequest body, InvitationService service, CancellationToken ct) =>
                (await service.CreateAsync(body, ct))
                    .ToResult(created => TypedResults.Created($"/api/v1/invitations/{created.Invitation.Id}", created)))
            .RequireAuthorization(TenantPolicies.ManageMembers);
        invitations.MapDelete("/{id:guid}", async (Guid id, InvitationService service, CancellationToken ct) =>
            (await service.RevokeAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManageMembers);
        invitations.MapPost("/accept", Accept).RequireAuthorization();
        return api;
    }

    /// <summary>The same 202 whether the address is new or already has an account (whose owner gets an email instead).</summary>
    private static async Task<IResult> SignUp(SignUpRequest body, SelfServiceSignUp service, CancellationToken ct) =>
        await service.SignUpAsync(body, ct) is { Failure: { } failure }
            ? failure.ToProblem()
            : TypedResults.Accepted((string?)null, new SignUpAccepted(SelfServiceSignUp.CheckYourEmail));

    /// <summary>Issues an access and a refresh token for the chosen tenant (by slug), or the user's first tenant.</summary>
    private static async Task<IResult> Login(
        LoginRequest body, HttpContext context, PasswordSignIn passwords, MembershipDirectory directory, SignInAudit audit,
        AccessTokenIssuer issuer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
            return Failure.Invalid(string.IsNullOrWhiteSpace(body.Email) ? "Email" : "Password", "Enter your email address and password.").ToProblem();
        var check = await passwords.CheckAsync(body.Email, body.Password, SignInAudit.ApiToken, ct);
        if (check.Outcome == PasswordCheck.TryLater) return RateLimits.TooManyRequests(context, check.RetryAfter);
        if (check.Outcome == PasswordCheck.Failed)
            return TypedResults.Problem(PasswordSignIn.FailureMessage, statusCode: StatusCodes.Status401Unauthorized);

        if (check.Outcome == PasswordCheck.CodeRequired)
        {
            // The password was right: only then does the answer say a code is needed, so it tells a stranger nothing.
            if (string.IsNullOrWhiteSpace(body.Code))
                return TypedResults.Problem("This account uses two-factor sign-in. Send the authenticator app's current code (or a recovery code) as \"code\".",
                    statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required.",
                    extensions: new Dictionary<string, object?> { ["reason"] = "two-factor-code-required" });
            var method = TwoFactorCodes.Read(body.Code).Kind == TwoFactorCodeKind.Recovery ? SignInAudit.PasswordAndRecoveryCode : SignInAudit.PasswordAndCode;
            check = await passwords.CheckCodeAsync(check.User!, body.Code, method + ", API token", ct);
            if (check.Outcome == PasswordCheck.TryLater) return RateLimits.TooManyRequests(context, check.RetryAfter);
            if (check.Outcome == PasswordCheck.Failed)
                return TypedResults.Problem(PasswordSignIn.CodeFailureMessage, statusCode: StatusCodes.Status401Unauthorized);
        }

        var user = check.User!;
        var memberships = await directory.ListForUserAsync(user.Id, ct);
        var chosen = body.Tenant is null
            ? memberships.FirstOrDefault(m => m.DeletionPurgeAfter is null) ?? (memberships.Count > 0 ? memberships[0] : null)
            : memberships.FirstOrDefault(m => m.TenantSlug == body.Tenant);
        if (body.Tenant is not null && chosen is null)
            return TypedResults.Problem($"You are not a member of '{body.Tenant}'.", statusCode: StatusCodes.Status403Forbidden);

        if (chosen is not null) await audit.SucceededAsync(user, chosen.TenantId, SignInAudit.ApiToken, ct);
        return TypedResults.Ok(await issuer.SignInAsync(user, chosen?.TenantId, ct));
    }

    private static async Task<IResult> Me(HttpContext context, MembershipDirectory directory, CurrentTenant current)
    {
        var userId = context.User.UserId()!.Value;
        return TypedResults.Ok(new MeResponse(userId, context.User.Identity?.Name, context.User.VerifiedMembership(),
            await directory.ListForUserAsync(userId, context.RequestAborted)));
    }

    private static async Task<IResult> Accept(AcceptRequest body, HttpContext context, InvitationService service, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(context.User);
        if (user is null) return TypedResults.Unauthorized();
        return (await service.AcceptAsync(body.Token, user.Id, user.Email!, context.RequestAborted))
            .ToResult(tenantId => TypedResults.Ok(new { tenantId }));
    }
}

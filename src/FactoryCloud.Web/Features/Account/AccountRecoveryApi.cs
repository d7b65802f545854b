using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Common.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

/// <summary>REST endpoints for password reset, address confirmation and password change (the pages do the same).</summary>
public static class AccountRecoveryApi
{
    public static IEndpointRouteBuilder MapAccountRecoveryApi(this IEndpointRouteBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account");
        account.MapPost("/forgot-password", async (ForgotPasswordRequest body, AccountRecovery recovery) =>
                await recovery.ForgotPasswordAsync(body) is { Failure: { } failure }
                    ? failure.ToProblem()
                    : TypedResults.Accepted((string?)null, new SignUpAccepted(AccountRecovery.CheckYourEmail)))
            .AllowAnonymous().RequireRateLimiting(RateLimits.SignUp);
        account.MapPost("/reset-password", async (ResetPasswordRequest body, AccountRecovery recovery) =>
                (await recovery.ResetPasswordAsync(body)).ToResult())
            .AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/confirm-email", async (ConfirmEmailRequest body, AccountRecovery recovery) =>
                (await recovery.ConfirmEmailAsync(body)).ToResult())
            .AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        // Changing the password updates the security stamp: this and every other bearer token of the account end.
        account.MapPost("/password", async (ChangePasswordRequest body, HttpContext context, UserManager<AppUser> users, AccountRecovery recovery) =>
                await users.GetUserAsync(context.User) is { } user
                    ? (await recovery.ChangePasswordAsync(user, body)).ToResult()
                    : TypedResults.Unauthorized())
            .RequireAuthorization().RequireRateLimiting(RateLimits.SignIn);
        return api;
    }
}

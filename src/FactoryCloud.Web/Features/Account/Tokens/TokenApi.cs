using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Common.RateLimiting;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>REST endpoints for refreshing a sign-in, signing out everywhere, and personal access tokens.</summary>
public static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/refresh", Refresh).AllowAnonymous().WithTags("Account").RequireRateLimiting(RateLimits.SignIn);
        api.MapPost("/auth/logout", Logout).RequireAuthorization().WithTags("Account");

        var tokens = api.MapGroup("/tokens").WithTags("Tokens").RequireAuthorization(TenantPolicies.Member);
        tokens.MapGet("/", async (PersonalAccessTokenService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        tokens.MapPost("/", async (PersonalAccessTokenRequest body, PersonalAccessTokenService service, CancellationToken ct) =>
            (await service.CreateAsync(body, ct)).ToResult(created => TypedResults.Created($"/api/v1/tokens/{created.Token.Id}", created)));
        tokens.MapDelete("/{id:guid}", async (Guid id, PersonalAccessTokenService service, CancellationToken ct) =>
            (await service.RevokeAsync(id, ct)).ToResult());
        return api;
    }

    /// <summary>Exchanges a refresh token for a new pair. Every refusal is the same 401, whatever the reason.</summary>
    private static async Task<IResult> Refresh(RefreshRequest body, RefreshTokens refreshTokens, AccessTokenIssuer issuer, CancellationToken ct)
    {
        var rotated = await refreshTokens.RotateAsync(body.RefreshToken, ct);
        if (rotated is null)
            return TypedResults.Problem("The refresh token is not valid. Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        return TypedResults.Ok(await issuer.IssueAsync(rotated.User, rotated.PreferredTenantId, rotated.RefreshToken));
    }

    /// <summary>Ends every session of the user: the security stamp changes, which ends cookies, access and refresh tokens.</summary>
    private static async Task<IResult> Logout(HttpContext context, UserManager<AppUser> users)
    {
        if (await users.GetUserAsync(context.User) is not { } user) return TypedResults.Unauthorized();
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }
}

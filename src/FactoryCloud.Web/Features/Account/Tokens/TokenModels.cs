using System.Text.Json.Serialization;
using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>What sign-in and refresh answer: a short-lived access token and the refresh token that replaces itself on use.</summary>
public sealed record TokenPair(
    [property: JsonPropertyName("tokenType")] string TokenType,
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("expiresIn")] long ExpiresIn,
    [property: JsonPropertyName("refreshToken")] string RefreshToken);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>A request for a personal access token: its name, an access level per area and when it expires.</summary>
public sealed record PersonalAccessTokenRequest(
    string? Name, TokenAccess Plants, TokenAccess Backlogs, TokenAccess Maturity, DateTimeOffset ExpiresAt)
{
    public TokenScopes Scopes => new(Plants, Backlogs, Maturity);
}

/// <summary>A token as listed: never its secret.</summary>
public sealed record PersonalAccessTokenView(
    Guid Id, string Name, string Hint, Guid UserId, string? OwnerEmail, TokenAccess Plants, TokenAccess Backlogs, TokenAccess Maturity,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The answer to creating a token: the only time its secret is shown.</summary>
public sealed record CreatedPersonalAccessToken(PersonalAccessTokenView Token, string Secret);

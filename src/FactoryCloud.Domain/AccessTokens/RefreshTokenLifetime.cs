namespace FactoryCloud.Domain.AccessTokens;

/// <summary>What a presented refresh token allows.</summary>
public enum RefreshVerdict
{
    Rotate,
    Expired,
    Revoked,

    /// <summary>The token was already exchanged: someone holds a copy, so the whole family ends.</summary>
    Reused,
}

/// <summary>
/// The refresh-token lifetime: each token lives <see cref="Sliding"/> from its issue, and no token of a family
/// outlives <see cref="Absolute"/> from the sign-in that began it; after that the user signs in again.
/// </summary>
public static class RefreshTokenLifetime
{
    public static readonly TimeSpan Sliding = TimeSpan.FromDays(14);
    public static readonly TimeSpan Absolute = TimeSpan.FromDays(30);

    public static DateTimeOffset FamilyExpiry(DateTimeOffset signedInAt) => signedInAt + Absolute;

    public static DateTimeOffset Expiry(DateTimeOffset issuedAt, DateTimeOffset familyExpiresAt) =>
        issuedAt + Sliding < familyExpiresAt ? issuedAt + Sliding : familyExpiresAt;

    /// <summary>Reuse is judged before expiry: a used token presented late still shows that a copy exists.</summary>
    public static RefreshVerdict Judge(RefreshToken token, DateTimeOffset now) => token switch
    {
        { RevokedAt: not null } => RefreshVerdict.Revoked,
        { UsedAt: not null } => RefreshVerdict.Reused,
        _ when now >= token.ExpiresAt || now >= token.FamilyExpiresAt => RefreshVerdict.Expired,
        _ => RefreshVerdict.Rotate,
    };
}

using System.Linq.Expressions;

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

    /// <summary>
    /// Rows the clean-up job deletes: nothing of them can ever be used again, nor tell anything a kept row would not.
    /// A revoked token; a token whose family is past its absolute end; an unused token past its own expiry (the tip of a
    /// family nobody refreshed in time, which ends that family). A used token of a family that may still live is kept:
    /// presenting it again is the reuse that revokes the family.
    /// </summary>
    public static Expression<Func<RefreshToken, bool>> RemovableAt(DateTimeOffset now) => t =>
        t.RevokedAt != null || t.FamilyExpiresAt <= now || (t.UsedAt == null && t.ExpiresAt <= now);
}

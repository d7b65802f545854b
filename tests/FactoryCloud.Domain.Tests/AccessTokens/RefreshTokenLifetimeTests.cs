using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Domain.Tests.AccessTokens;

public sealed class RefreshTokenLifetimeTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static RefreshToken Token(DateTimeOffset issued, DateTimeOffset? usedAt = null, DateTimeOffset? revokedAt = null)
    {
        var family = RefreshTokenLifetime.FamilyExpiry(SignedIn);
        return new RefreshToken
        {
            TokenHash = "h", SecurityStamp = "s", CreatedAt = issued, FamilyExpiresAt = family,
            ExpiresAt = RefreshTokenLifetime.Expiry(issued, family), UsedAt = usedAt, RevokedAt = revokedAt,
        };
    }

    [Fact]
    public void A_fresh_token_rotates_until_just_before_its_14_days_end()
    {
        Assert.Equal(RefreshVerdict.Rotate, RefreshTokenLifetime.Judge(Token(SignedIn), SignedIn));
        Assert.Equal(RefreshVerdict.Rotate, RefreshTokenLifetime.Judge(Token(SignedIn), SignedIn.AddDays(14).AddTicks(-1)));
        Assert.Equal(RefreshVerdict.Expired, RefreshTokenLifetime.Judge(Token(SignedIn), SignedIn.AddDays(14)));
    }

    [Fact]
    public void Each_rotation_slides_the_expiry_but_never_past_30_days_from_the_sign_in()
    {
        var family = RefreshTokenLifetime.FamilyExpiry(SignedIn);
        Assert.Equal(SignedIn.AddDays(24), RefreshTokenLifetime.Expiry(SignedIn.AddDays(10), family));
        Assert.Equal(SignedIn.AddDays(30), RefreshTokenLifetime.Expiry(SignedIn.AddDays(20), family));
        Assert.Equal(RefreshVerdict.Expired, RefreshTokenLifetime.Judge(Token(SignedIn.AddDays(20)), SignedIn.AddDays(30)));
    }

    [Fact]
    public void A_used_token_is_reuse_even_after_it_expired() =>
        Assert.Equal(RefreshVerdict.Reused, RefreshTokenLifetime.Judge(Token(SignedIn, usedAt: SignedIn.AddHours(1)), SignedIn.AddDays(60)));

    [Fact]
    public void A_revoked_token_is_revoked_whether_used_or_not()
    {
        Assert.Equal(RefreshVerdict.Revoked, RefreshTokenLifetime.Judge(Token(SignedIn, revokedAt: SignedIn), SignedIn));
        Assert.Equal(RefreshVerdict.Revoked, RefreshTokenLifetime.Judge(Token(SignedIn, usedAt: SignedIn, revokedAt: SignedIn), SignedIn));
    }
}

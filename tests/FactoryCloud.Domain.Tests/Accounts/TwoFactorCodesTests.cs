using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Domain.Accounts;

namespace FactoryCloud.Domain.Tests.Accounts;

public sealed class TwoFactorCodesTests
{
    [Theory]
    [InlineData("123456", TwoFactorCodeKind.Authenticator, "123456")]
    [InlineData(" 123 456 ", TwoFactorCodeKind.Authenticator, "123456")]
    [InlineData("123-456", TwoFactorCodeKind.Authenticator, "123456")]
    [InlineData("bcd23-fgh45", TwoFactorCodeKind.Recovery, "BCD23-FGH45")]
    [InlineData("BCD23FGH45", TwoFactorCodeKind.Recovery, "BCD23-FGH45")]
    [InlineData("12345", TwoFactorCodeKind.Invalid, "")]
    [InlineData("1234567", TwoFactorCodeKind.Invalid, "")]
    [InlineData("12345a", TwoFactorCodeKind.Invalid, "")]
    [InlineData("'; DROP TABLE x", TwoFactorCodeKind.Invalid, "")]
    [InlineData("", TwoFactorCodeKind.Invalid, "")]
    [InlineData(null, TwoFactorCodeKind.Invalid, "")]
    public void ReadsWhatPeopleTypeAndNothingElse(string? typed, TwoFactorCodeKind kind, string code) =>
        Assert.Equal((kind, code), TwoFactorCodes.Read(typed));

    [Fact]
    public void AVeryLongInputIsInvalidWithoutBeingRead() =>
        Assert.Equal(TwoFactorCodeKind.Invalid, TwoFactorCodes.Read(new string('1', 100_000)).Kind);

    [Fact]
    public void TheUriAndKeyAreWhatAuthenticatorAppsRead()
    {
        Assert.Equal("otpauth://totp/FactoryCloud:ana%40example.com?secret=ABCDEFGH&issuer=FactoryCloud&digits=6",
            TwoFactorCodes.AuthenticatorUri("FactoryCloud", "ana@example.com", "ABCDEFGH"));
        Assert.Equal("abcd efgh ij", TwoFactorCodes.FormatKey("ABCDEFGHIJ"));
    }

    [Fact]
    public void SignInFailureKeysIgnoreCaseAndSpacesButNotTheAddress()
    {
        Assert.Equal(SignInFailureKey.For("198.51.100.1", "Ana@Example.com "), SignInFailureKey.For("198.51.100.1", "ana@example.com"));
        Assert.NotEqual(SignInFailureKey.For("198.51.100.1", "ana@example.com"), SignInFailureKey.For("198.51.100.2", "ana@example.com"));
        Assert.Equal(SignInFailureKey.Length, SignInFailureKey.For(null, "x").Length);
        Assert.DoesNotContain("ana", SignInFailureKey.For("198.51.100.1", "ana@example.com"), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyRefreshTokensThatCanNeverBeUsedAgainAreRemovable()
    {
        var now = DateTimeOffset.UtcNow;
        var removable = RefreshTokenLifetime.RemovableAt(now).Compile();
        RefreshToken Token(Action<RefreshToken> shape)
        {
            var t = new RefreshToken { TokenHash = "h", SecurityStamp = "s", ExpiresAt = now.AddDays(1), FamilyExpiresAt = now.AddDays(10) };
            shape(t);
            return t;
        }
        Assert.False(removable(Token(_ => { })));
        Assert.False(removable(Token(t => { t.UsedAt = now.AddDays(-1); t.ExpiresAt = now.AddDays(-1); }))); // reuse still detectable
        Assert.True(removable(Token(t => t.RevokedAt = now)));
        Assert.True(removable(Token(t => t.ExpiresAt = now)));
        Assert.True(removable(Token(t => { t.UsedAt = now.AddDays(-1); t.FamilyExpiresAt = now; })));
    }
}

using FactoryCloud.Domain.Accounts;

namespace FactoryCloud.Domain.Tests.Accounts;

public sealed class PasswordStrengthTests
{
    private static readonly CommonPasswords Common = new(["password", "qwertyuiop123"]);

    [Theory]
    [InlineData("", 0)]
    [InlineData("qwertyuiop123", 0)] // common
    [InlineData("Password1234", 0)] // common with digits added
    [InlineData("aaaaaaaaaaaaaaaa", 0)] // one character repeated
    [InlineData("abcdefghijklmnop", 0)] // a run
    [InlineData("Kx7#p", 1)] // random but short: never better than weak
    [InlineData("factorycloud", 2)]
    [InlineData("blue harbour lantern", 4)]
    [InlineData("correct horse battery staple", 4)]
    [InlineData("J8#mQz!2vR@x", 3)]
    public void ScoresFromVeryWeakToVeryStrong(string password, int score) =>
        Assert.Equal(score, PasswordStrength.Estimate(password, Common).Score);

    [Fact]
    public void LongerIsNeverWeakerThanItsPrefix()
    {
        var phrase = "winter orchard copper sail";
        for (var length = 1; length < phrase.Length; length++)
            Assert.True(PasswordStrength.Estimate(phrase[..(length + 1)], Common).Score >= PasswordStrength.Estimate(phrase[..length], Common).Score,
                phrase[..(length + 1)]);
    }

    [Fact]
    public void EveryScoreHasALabelAndWeakOnesSayWhy()
    {
        Assert.Equal("Very weak", PasswordStrength.Estimate("password", Common).Label);
        Assert.Contains("common", PasswordStrength.Estimate("password", Common).Hint, StringComparison.Ordinal);
        Assert.Contains("12 characters", PasswordStrength.Estimate("Kx7#p", Common).Hint, StringComparison.Ordinal);
        Assert.Equal("Very strong", PasswordStrength.Estimate("correct horse battery staple", Common).Label);
    }
}

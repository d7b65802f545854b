using FactoryCloud.Domain.Accounts;

namespace FactoryCloud.Domain.Tests.Accounts;

public sealed class PasswordRulesTests
{
    private static readonly CommonPasswords Common = new(["password", "dragon", "qwertyuiop", "iloveyou", "123456"]);

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("elevenchars")]
    public void UnderTwelveCharactersIsTooShort(string password) =>
        Assert.Equal([PasswordProblem.TooShort], PasswordRules.Check(password, Common));

    [Theory]
    [InlineData("twelve chars")] // spaces are characters like any other
    [InlineData("all lower case letters only")] // no composition rules
    [InlineData("ÑÑÑÑ ÄÄÄÄ 漢字漢字")] // any Unicode
    [InlineData("123498765432109")] // digits only, not a listed password
    public void TwelveOrMoreCharactersOfAnyKindAreAccepted(string password) =>
        Assert.Empty(PasswordRules.Check(password, Common));

    [Fact]
    public void LengthCountsCodePointsNotUtf16Units()
    {
        Assert.Equal([PasswordProblem.TooShort], PasswordRules.Check("😀😀😀😀😀😀😀😀😀😀😀", Common)); // 11 emoji, 22 UTF-16 units
        Assert.Empty(PasswordRules.Check("😀😀😀😀😀😀😀😀😀😀😀😀", Common));
    }

    [Fact]
    public void OneHundredTwentyEightCharactersAreAllowedAndMoreAreNot()
    {
        Assert.Empty(PasswordRules.Check(new string('x', 127) + "y", Common));
        Assert.Equal([PasswordProblem.TooLong], PasswordRules.Check(new string('x', 128) + "y", Common));
    }

    [Theory]
    [InlineData("qwertyuiop")]
    [InlineData("QWERTYUIOP12")]
    [InlineData("Password2026!")]
    [InlineData("!!dragon!!2024")]
    [InlineData("iloveyouiloveyou")]
    [InlineData("DragonDragonDragon")]
    public void ACommonPasswordOrATrivialVariationIsRefused(string password)
    {
        Assert.Contains(PasswordProblem.Common, PasswordRules.Check(password.Length >= 12 ? password : password + "!!", Common));
    }

    [Theory]
    [InlineData("dragon horse battery")] // a listed word inside a phrase is fine
    [InlineData("123456 is not my pin")]
    [InlineData("my-password-is-long")]
    public void ACommonWordInsideALongerPassphraseIsAccepted(string password) =>
        Assert.Empty(PasswordRules.Check(password, Common));

    [Fact]
    public void ShortListedPasswordsAreNotLookedForInsideALongerOne() =>
        Assert.False(new CommonPasswords(["12"]).IsCommon("12121212121212"));

    [Fact]
    public void EveryProblemHasAMessage()
    {
        foreach (var problem in Enum.GetValues<PasswordProblem>())
            Assert.False(string.IsNullOrWhiteSpace(PasswordRules.Describe(problem)));
        Assert.Contains("12 characters", PasswordRules.Describe(PasswordProblem.TooShort), StringComparison.Ordinal);
        Assert.Contains("common", PasswordRules.Describe(PasswordProblem.Common), StringComparison.Ordinal);
    }
}

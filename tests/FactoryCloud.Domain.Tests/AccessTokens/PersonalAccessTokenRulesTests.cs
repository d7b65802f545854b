using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Domain.Tests.AccessTokens;

public sealed class PersonalAccessTokenRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 7, 0, 0, TimeSpan.Zero);
    private static readonly TokenScopes ReadPlants = new(TokenAccess.Read, TokenAccess.None, TokenAccess.None);

    [Fact]
    public void A_named_scoped_token_within_a_year_is_fine() =>
        Assert.Empty(PersonalAccessTokenRules.Check("export", ReadPlants, Now.AddDays(365), Now));

    [Theory]
    [InlineData(null, "Name")]
    [InlineData("  ", "Name")]
    public void A_token_needs_a_name(string? name, string field) =>
        Assert.Contains(field, PersonalAccessTokenRules.Check(name, ReadPlants, Now.AddDays(30), Now).Keys);

    [Fact]
    public void A_name_of_81_characters_is_too_long() =>
        Assert.Contains("Name", PersonalAccessTokenRules.Check(new string('n', 81), ReadPlants, Now.AddDays(30), Now).Keys);

    [Fact]
    public void A_token_without_any_area_is_refused() =>
        Assert.Equal(["Scopes"], PersonalAccessTokenRules.Check("x", TokenScopes.Nothing, Now.AddDays(30), Now).Keys);

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(366)]
    public void The_expiry_is_one_day_to_one_year_ahead(int days) =>
        Assert.Equal(["ExpiresAt"], PersonalAccessTokenRules.Check("x", ReadPlants, Now.AddDays(days), Now).Keys);

    [Fact]
    public void Use_is_recorded_at_most_once_a_minute()
    {
        Assert.True(PersonalAccessTokenRules.ShouldRecordUse(null, Now));
        Assert.False(PersonalAccessTokenRules.ShouldRecordUse(Now.AddSeconds(-59), Now));
        Assert.True(PersonalAccessTokenRules.ShouldRecordUse(Now.AddMinutes(-1), Now));
    }
}

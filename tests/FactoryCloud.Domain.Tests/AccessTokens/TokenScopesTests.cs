using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Domain.Tests.AccessTokens;

public sealed class TokenScopesTests
{
    [Fact]
    public void Read_allows_reading_only_and_read_write_allows_both()
    {
        var scopes = new TokenScopes(TokenAccess.Read, TokenAccess.ReadWrite, TokenAccess.None);
        Assert.True(scopes.Allows(TokenArea.Plants, write: false));
        Assert.False(scopes.Allows(TokenArea.Plants, write: true));
        Assert.True(scopes.Allows(TokenArea.Backlogs, write: true));
        Assert.False(scopes.Allows(TokenArea.Maturity, write: false));
    }

    [Fact]
    public void The_stored_form_round_trips()
    {
        var scopes = new TokenScopes(TokenAccess.Read, TokenAccess.None, TokenAccess.ReadWrite);
        Assert.Equal("plants:read maturity:write", scopes.ToString());
        Assert.Equal(scopes, TokenScopes.Parse(scopes.ToString()));
        Assert.Equal("", TokenScopes.Nothing.ToString());
    }

    [Theory]
    [InlineData("plants:admin")]
    [InlineData("members:write")]
    [InlineData("7:write")]
    [InlineData("plants")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_words_grant_nothing(string? stored) => Assert.True(TokenScopes.Parse(stored).IsEmpty);
}

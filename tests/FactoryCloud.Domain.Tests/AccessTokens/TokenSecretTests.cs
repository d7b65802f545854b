using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Domain.Tests.AccessTokens;

public sealed class TokenSecretTests
{
    [Fact]
    public void A_personal_access_token_names_its_tenant_and_is_never_repeated()
    {
        var tenant = Guid.NewGuid();
        var first = TokenSecret.NewPersonalAccessToken(tenant);
        Assert.StartsWith("fc_pat_", first);
        Assert.True(TokenSecret.TryReadTenant(first, out var read));
        Assert.Equal(tenant, read);
        Assert.NotEqual(first, TokenSecret.NewPersonalAccessToken(tenant));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fc_pat_")]
    [InlineData("fc_pat_!!!!")]
    [InlineData("fc_rt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_else_names_no_tenant(string? token) => Assert.False(TokenSecret.TryReadTenant(token, out _));

    [Fact]
    public void The_hash_is_sha256_in_lower_hex() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecret.Hash("abc"));
}

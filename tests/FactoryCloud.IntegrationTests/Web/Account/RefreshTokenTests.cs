using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using static FactoryCloud.IntegrationTests.Web.Account.TokenCalls;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>Refresh tokens rotate on use, are stored only hashed, and a reused one ends its whole family.</summary>
public sealed class RefreshTokenTests(DatabaseServers servers)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARefreshTokenBuysANewPairInTheSameTenantAndIsStoredOnlyAsItsHash(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var first = await LoginAsync(app, owner);
        Assert.Equal(900, first.ExpiresIn);
        Assert.StartsWith(TokenSecret.RefreshPrefix, first.RefreshToken);

        var second = await RefreshedAsync(app, first.RefreshToken);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using var client = WithToken(app, second.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(owner.TenantId, me.GetProperty("active").GetProperty("tenantId").GetGuid());
        var all = await RefreshRowsAsync(app, owner.UserId);
        var family = all.Single(r => r.TokenHash == TokenSecret.Hash(first.RefreshToken)).FamilyId;
        var rows = all.Where(r => r.FamilyId == family).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(TokenSecret.Hash(first.RefreshToken), Assert.Single(rows, r => r.UsedAt is not null).TokenHash);
        Assert.Equal(TokenSecret.Hash(second.RefreshToken), Assert.Single(rows, r => r.UsedAt is null).TokenHash);
        Assert.DoesNotContain(rows, r => r.TokenHash.Contains(first.RefreshToken[TokenSecret.RefreshPrefix.Length..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReusingARotatedRefreshTokenRevokesItsWholeFamilyButNotAnotherSignIn(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var stolen = await LoginAsync(app, owner);
        var otherDevice = await LoginAsync(app, owner);
        var rotated = await RefreshedAsync(app, stolen.RefreshToken);

        var replay = await RefreshAsync(app, stolen.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, rotated.RefreshToken)).StatusCode);
        await RefreshedAsync(app, otherDevice.RefreshToken);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ATokenPastItsSlidingOrItsAbsoluteExpiryIsRefused(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var slid = await LoginAsync(app, owner);
        await UpdateRefreshRowsAsync(app, owner.UserId, r => r.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, slid.RefreshToken)).StatusCode);

        var capped = await LoginAsync(app, owner);
        await UpdateRefreshRowsAsync(app, owner.UserId, r => r.FamilyExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, capped.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task UnknownOrMalformedRefreshTokensAreRefused()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var pair = await LoginAsync(app, owner);

        foreach (var token in (string[])[TokenSecret.NewRefreshToken(), "", new string('x', 5000), pair.AccessToken])
            Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, token)).StatusCode);
        await RefreshedAsync(app, pair.RefreshToken);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;

namespace FactoryCloud.IntegrationTests.Web.Backlogs;

/// <summary>The provider-sensitive parts (rank comparisons, LIKE search with escapes, tag tokens, moves) on SQLite as well as PostgreSQL.</summary>
public sealed class BothProvidersTests(DatabaseServers servers)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RankSearchTagsAndMovesWork(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var product = await TestProduct.CreateAsync(owner);
        var (a, b, c) = (await product.AddAsync("Alpha 50% done", tags: ["mes"]), await product.AddAsync("Beta_1"), await product.AddAsync("Gamma"));

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{c}/rank", new { afterId = a })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{a}/rank", new { beforeId = c })).StatusCode); // already there: nothing written
        Assert.Equal([a, c, b], await product.BacklogOrderAsync());
        Assert.Equal([a], await product.BacklogOrderAsync("search=50%25"));
        Assert.Equal([b], await product.BacklogOrderAsync("search=a_1"));
        Assert.Empty(await product.BacklogOrderAsync("search=Alph_")); // _ is literal, not a wildcard
        Assert.Empty(await product.BacklogOrderAsync("search=Al%25done"));
        Assert.Equal([a], await product.BacklogOrderAsync("tag=MES"));

        var moved = await (await product.MoveAsync(b, "In development")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Moved", moved.GetProperty("status").GetString());
        Assert.Equal([b], await product.BacklogOrderAsync("category=InProgress"));
        Assert.Equal([a, c], await product.BacklogOrderAsync("notInSprint=true&category=Proposed"));
    }
}

using System.Net;
using System.Net.Http.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.Board;

/// <summary>Two people reordering at the same moment, against PostgreSQL: both moves land where each person put their item.</summary>
public sealed class ConcurrentReorderTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task TwoSimultaneousReordersToTheSameGapBothLand()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var second = await owner.AddMemberAsync(App, "TeamMember");
        var product = await TestProduct.CreateAsync(owner);
        var anchor = await product.AddAsync("Anchor");
        var next = await product.AddAsync("Next");
        var movers = new List<Guid>();
        for (var i = 0; i < 20; i++) movers.Add(await product.AddAsync($"Mover {i}"));

        // Each round, two users drop an item right after the anchor at once: both compute the same key, the unique
        // (product, rank) index refuses one, and that one retries against fresh neighbours.
        for (var round = 0; round < 10; round++)
        {
            var (x, y) = (movers[2 * round], movers[(2 * round) + 1]);
            using var start = new Barrier(2);
            var responses = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return owner.Client.PostAsJsonAsync($"/api/v1/items/{x}/rank", new { afterId = anchor }); }),
                Task.Run(() => { start.SignalAndWait(); return second.Client.PostAsJsonAsync($"/api/v1/items/{y}/rank", new { afterId = anchor }); }));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            var order = await product.BacklogOrderAsync();
            Assert.Equal(anchor, order[0]);
            Assert.Equal(new HashSet<Guid> { x, y }, order.Skip(1).Take(2).ToHashSet());
            Assert.Equal(1 + (2 * (round + 1)), order.IndexOf(next)); // every pair so far sits between anchor and next
        }
        var final = await product.BacklogOrderAsync();
        Assert.Equal(22, final.Distinct().Count());
    }

    [Fact]
    public async Task AReorderAndAMoveOfTheNeighbourAtOnceBothLand()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var second = await owner.AddMemberAsync(App, "TeamMember");
        var product = await TestProduct.CreateAsync(owner);
        var (a, b, c, d) = (await product.AddAsync("A"), await product.AddAsync("B"), await product.AddAsync("C"), await product.AddAsync("D"));

        for (var round = 0; round < 5; round++)
        {
            // One user puts D right after A while the other moves B to the top.
            using var start = new Barrier(2);
            var responses = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return owner.Client.PostAsJsonAsync($"/api/v1/items/{d}/rank", new { afterId = a }); }),
                Task.Run(() => { start.SignalAndWait(); return second.Client.PostAsJsonAsync($"/api/v1/items/{b}/rank", new { }); }));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            var order = await product.BacklogOrderAsync();
            Assert.Equal(b, order[0]);
            Assert.Equal(order.IndexOf(a) + 1, order.IndexOf(d));
            Assert.Equal(4, order.Distinct().Count());

            // Reset to A, B, C, D for the next round.
            await owner.Client.PostAsJsonAsync($"/api/v1/items/{a}/rank", new { });
            await owner.Client.PostAsJsonAsync($"/api/v1/items/{b}/rank", new { afterId = a });
            await owner.Client.PostAsJsonAsync($"/api/v1/items/{c}/rank", new { afterId = b });
            await owner.Client.PostAsJsonAsync($"/api/v1/items/{d}/rank", new { afterId = c });
            Assert.Equal([a, b, c, d], await product.BacklogOrderAsync());
        }
    }
}

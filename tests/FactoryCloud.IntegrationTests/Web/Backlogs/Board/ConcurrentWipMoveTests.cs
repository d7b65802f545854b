using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using Npgsql;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.Board;

/// <summary>
/// A strict WIP limit under concurrency: two people drop a card into a column with one free place at the same
/// moment; exactly one move lands, the other answers a 409 problem and changes nothing.
/// </summary>
public sealed class ConcurrentWipMoveTests(DatabaseServers servers)
{
    [Fact]
    public async Task TwoMovesWaitingOnTheLockedColumnAtOnceLetExactlyOneIn()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var (product, second, (x, y)) = await StrictProductWithOneFreePlaceAsync(app);
        var column = product.Columns["In development"];

        // Hold the column's row lock so both moves queue on it, then let them go together: without the lock both
        // would count the same free place and both land.
        await using var admin = new NpgsqlConnection(app.Database.AdminConnectionString);
        await admin.OpenAsync();
        await using var hold = await admin.BeginTransactionAsync();
        await using (var lockColumn = new NpgsqlCommand("""SELECT 1 FROM "WorkflowColumns" WHERE "Id" = @id FOR UPDATE""", admin, hold))
        {
            lockColumn.Parameters.AddWithValue("id", column);
            await lockColumn.ExecuteScalarAsync();
        }
        var moves = new[] { product.MoveAsync(x, "In development"), product.MoveAsync(y, "In development", client: second.Client) };
        await WaitForLockWaitersAsync(app.Database.AdminConnectionString!, admin.ProcessID, count: 2);
        await hold.CommitAsync();
        var responses = await Task.WhenAll(moves);

        await AssertExactlyOneLandedAsync(product, responses, x, y);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoSimultaneousMovesIntoTheLastFreePlaceLetExactlyOneIn(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var (product, second, (x, y)) = await StrictProductWithOneFreePlaceAsync(app);

        for (var round = 0; round < 5; round++)
        {
            using var start = new Barrier(2);
            var responses = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return product.MoveAsync(x, "In development"); }),
                Task.Run(() => { start.SignalAndWait(); return product.MoveAsync(y, "In development", client: second.Client); }));

            var winner = await AssertExactlyOneLandedAsync(product, responses, x, y);
            Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(winner, "Ready")).StatusCode); // free the place again
        }
    }

    /// <summary>A strict product whose "In development" column has a limit of 2 and holds one card; two cards wait in Ready.</summary>
    private static async Task<(TestProduct Product, ApiSession Second, (Guid X, Guid Y) Cards)> StrictProductWithOneFreePlaceAsync(FactoryCloudApp app)
    {
        var owner = await ApiSession.SignUpAsync(app);
        var second = await owner.AddMemberAsync(app, "TeamMember");
        var product = await TestProduct.CreateAsync(owner, "Press line app", wipMode: "Strict");
        var view = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}");
        var columns = view.GetProperty("columns").EnumerateArray().Select(c => new
        {
            id = c.GetProperty("id").GetGuid(), name = c.GetProperty("name").GetString(), category = c.GetProperty("category").GetString(),
            wipLimit = c.GetProperty("name").GetString() == "In development" ? 2 : (int?)null,
        }).ToList();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync($"/api/v1/products/{product.Id}/workflow", new { columns })).StatusCode);
        await product.AddAsync("Already in development", column: "In development");
        return (product, second, (await product.AddAsync("Card X", column: "Ready"), await product.AddAsync("Card Y", column: "Ready")));
    }

    private static async Task<Guid> AssertExactlyOneLandedAsync(TestProduct product, HttpResponseMessage[] responses, Guid x, Guid y)
    {
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("'In development' is at its WIP limit of 2; this product does not allow going past it.", problem.GetProperty("detail").GetString());

        var winner = responses[0].StatusCode == HttpStatusCode.OK ? x : y;
        var loser = winner == x ? y : x;
        var columnOf = async (Guid item) => (await product.Owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{item}")).GetProperty("columnName").GetString();
        Assert.Equal(("In development", "Ready"), (await columnOf(winner), await columnOf(loser)));
        Assert.Equal(2, (await product.BacklogOrderAsync($"columnId={product.Columns["In development"]}")).Count);
        return winner;
    }

    /// <summary>
    /// Waits until <paramref name="count"/> sessions wait, directly or queued behind each other, on the lock
    /// <paramref name="holder"/> holds, in a FOR UPDATE. Polled from its own connection: inside a transaction
    /// pg_stat_activity is a snapshot taken at its first read.
    /// </summary>
    private static async Task WaitForLockWaitersAsync(string connectionString, int holder, int count)
    {
        const string waiters = """
            WITH RECURSIVE blocked(pid) AS (
                SELECT pid FROM pg_stat_activity WHERE @holder = ANY(pg_blocking_pids(pid))
                UNION
                SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY(pg_blocking_pids(a.pid)))
            SELECT count(*) FROM blocked JOIN pg_stat_activity a USING (pid) WHERE a.query LIKE '%FOR UPDATE%'
            """;
        await using var watcher = new NpgsqlConnection(connectionString);
        await watcher.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand(waiters, watcher);
            command.Parameters.AddWithValue("holder", holder);
            if ((long)(await command.ExecuteScalarAsync())! >= count) return;
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} moves waited on the column's lock.");
            await Task.Delay(50);
        }
    }
}

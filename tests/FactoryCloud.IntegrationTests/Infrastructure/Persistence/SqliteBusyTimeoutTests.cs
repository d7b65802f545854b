using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence;

/// <summary>
/// Every SQLite connection the app's contexts open lets SQLite wait for the write lock itself, as long as a command may
/// take (<see cref="SqliteBusyTimeout"/>). What that buys under an ingestion flood is measured in the README, not here.
/// </summary>
public sealed class SqliteBusyTimeoutTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryConnectionAContextOpensWaitsForTheWriteLockAsLongAsACommandMay()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Sqlite);

        // Twice: the second context gets the first one's pooled connection back, opened again.
        for (var i = 0; i < 2; i++)
        {
            await using var db = database.Contexts.Create(DataScope.None);
            await db.Database.OpenConnectionAsync(Ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(connection.DefaultTimeout * 1000L, (long)(await command.ExecuteScalarAsync(Ct))!);
            await db.Database.CloseConnectionAsync();
        }
    }
}

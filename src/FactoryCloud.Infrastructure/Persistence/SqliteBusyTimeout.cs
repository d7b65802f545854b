using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// Lets SQLite itself wait for its write lock on every connection the app's contexts open (<c>sqlite3_busy_timeout</c>),
/// for as long as a command may take. Without it, Microsoft.Data.Sqlite retries a write that found the database locked
/// only every 150 ms: under a full-speed ingestion flood the processor commits batch after batch, and a request's write
/// (a sign-in, a saved form) waited 150 ms at the median and up to 0.8 s. SQLite's own busy handler tries again after
/// 1, 2, 5, 10 ms and so on, so it usually gets the lock between two of the processor's transactions (README, "Writes
/// beside an ingestion flood").
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
    }
}

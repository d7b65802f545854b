using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// A read-only transaction so that several queries see one snapshot (KPI reads combine buckets with each machine's
/// open episode, which the processor changes together). PostgreSQL: REPEATABLE READ. SQLite: a deferred transaction,
/// which takes no write lock (Microsoft.Data.Sqlite's default BEGIN IMMEDIATE would block the processor).
/// </summary>
public static class ReadSnapshot
{
    /// <summary>Begins one unless the context already has a transaction (then returns null: the caller's one applies).</summary>
    public static async Task<IDbContextTransaction?> BeginAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return null;
        if (db.Database.IsNpgsql()) return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        return await db.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), ct);
    }
}

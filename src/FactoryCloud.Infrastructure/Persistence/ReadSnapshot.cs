using System.Data;
using Microsoft.Data.Sqlite;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// A read-only transaction so that several queries see one snapshot (KPI reads combine buckets with each machine's
/// open episode, which the processor changes together). PostgreSQL: REPEATABLE READ, begun by EF so the tenant
/// scope is set for it. SQLite: a deferred transaction, which takes no write lock (Microsoft.Data.Sqlite's default
/// BEGIN IMMEDIATE would block the processor).
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly IAsyncDisposable _transaction;

    private ReadSnapshot(DbContext db, IAsyncDisposable transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    /// <summary>Begins one unless the context already has a transaction (then returns null: the caller's one applies).</summary>
    public static async Task<ReadSnapshot?> BeginAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return null;
        if (db.Database.IsNpgsql()) return new ReadSnapshot(db, await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct));
        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, ct);
        return new ReadSnapshot(db, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db.Database.IsNpgsql())
        {
            await _transaction.DisposeAsync();
            return;
        }
        await _db.Database.UseTransactionAsync(null);
        await _transaction.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}

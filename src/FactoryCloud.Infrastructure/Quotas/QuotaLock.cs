using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Infrastructure.Quotas;

/// <summary>
/// Makes a quota check and the save that adds what was counted one step per tenant, so two concurrent adds cannot both
/// pass a check that only one of them fits. <see cref="AcquireAsync"/> begins a transaction on the context (unless the
/// caller has one) and takes the tenant's lock in it: on PostgreSQL a transaction-scoped advisory lock keyed by the
/// tenant (<c>pg_advisory_xact_lock</c>), on SQLite the database's write lock (EF begins SQLite transactions
/// <c>IMMEDIATE</c>: one writer at a time). The count that follows sees every add committed before. The transaction this
/// began is committed right after the context's next successful save (which releases the lock), and rolled back when the
/// context is disposed without one (a refusal, a failed save).
/// </summary>
public sealed class QuotaLock : SaveChangesInterceptor
{
    /// <summary>The advisory locks' first key ("FQ"): quota checks, apart from other advisory locks.</summary>
    private const int LockClass = 0x4651;

    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _began = new();

    public async Task AcquireAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) _began.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        if (db.Database.IsNpgsql() && db.Scope.TenantId is { } tenant)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, {KeyOf(tenant)})", ct);
    }

    /// <summary>Ends, without saving, the transaction <see cref="AcquireAsync"/> began (after a refusal): the lock is released at once.</summary>
    public async Task ReleaseAsync(AppDbContext db)
    {
        if (!_began.TryGetValue(db, out var transaction)) return;
        _began.Remove(db);
        await transaction.RollbackAsync(CancellationToken.None);
        await transaction.DisposeAsync();
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _began.TryGetValue(context, out var transaction))
        {
            _began.Remove(context);
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _began.TryGetValue(context, out var transaction))
        {
            _began.Remove(context);
            transaction.Commit();
            transaction.Dispose();
        }
        return result;
    }

    /// <summary>A stable 32-bit key per tenant (two tenants sharing one only wait for each other).</summary>
    private static int KeyOf(Guid tenant)
    {
        Span<byte> bytes = stackalloc byte[16];
        tenant.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..]);
    }
}

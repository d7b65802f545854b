using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// Notices, in every save of every context, what matters once the save is committed (a tenant to announce, stored bytes
/// to delete) and acts on it then, never before: after a save outside a transaction at once, after a save inside one
/// when that transaction commits. A rolled-back transaction, or a failed save outside one, acts on nothing.
/// </summary>
/// <typeparam name="T">What a save leaves to do (duplicates are acted on once).</typeparam>
public abstract class AfterCommitInterceptor<T> : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<T>> _uncommitted = new();

    /// <summary>What this save leaves to do once committed; null or empty when nothing.</summary>
    protected abstract ValueTask<IReadOnlyCollection<T>?> NoticeAsync(DbContext context, CancellationToken ct);

    /// <summary>Acts on what committed saves left to do.</summary>
    protected abstract Task CommittedAsync(IReadOnlyCollection<T> notices);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) Keep(context, await NoticeAsync(context, cancellationToken));
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) Keep(context, NoticeAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult());
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside a transaction the change is not committed yet: TransactionCommitted acts.
        if (eventData.Context?.Database.CurrentTransaction is null) await ActAsync(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) ActAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetIfUncommitted(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetIfUncommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => ForgetIfUncommitted(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetIfUncommitted(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        ActAsync(eventData.Context).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        ActAsync(eventData.Context);

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Keep(DbContext context, IReadOnlyCollection<T>? notices)
    {
        if (notices is { Count: > 0 }) _uncommitted.GetOrCreateValue(context).UnionWith(notices);
    }

    private Task ActAsync(DbContext? context)
    {
        if (context is null || !_uncommitted.TryGetValue(context, out var notices)) return Task.CompletedTask;
        _uncommitted.Remove(context);
        return CommittedAsync(notices);
    }

    private void ForgetIfUncommitted(DbContext? context)
    {
        // A failed save outside a transaction changed nothing; inside one, earlier saves may still commit.
        if (context?.Database.CurrentTransaction is null) Forget(context);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _uncommitted.Remove(context);
    }
}

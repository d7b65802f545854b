using System.Data.Common;
using System.Runtime.CompilerServices;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// Notices, in every save of every context, a change to what <see cref="TelemetrySettingsCache"/> keeps per tenant: the
/// KPI loss settings, and machines added, removed or given other ideal cycle times (UI, API, CSV import alike, without
/// each service remembering to say so). It announces the tenant once the change is committed, never before: a save
/// outside a transaction at once, a save inside one when that transaction commits (a rolled-back one announces
/// nothing). On PostgreSQL <see cref="Persistence.Postgres.PostgresChangeFeed"/> carries the announcement to the other
/// processes.
/// </summary>
public sealed class TelemetrySettingsChanges : SaveChangesInterceptor, IDbTransactionInterceptor, ITenantChanges
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _uncommitted = new();

    /// <summary>A committed change of the tenant's settings, in this process or another.</summary>
    public event Action<Guid>? Changed;

    /// <summary>A committed change made in this process (what the change feed passes on).</summary>
    public event Action<Guid>? ChangedHere;

    /// <summary>Changes of other processes may have gone unheard (the change feed was not listening): forget them all.</summary>
    public event Action? MayHaveMissed;

    /// <summary>A change another process announced.</summary>
    public void Relay(Guid tenantId) => Changed?.Invoke(tenantId);

    /// <summary>The change feed (re)started listening: anything announced before may have been missed.</summary>
    public void RelayMissed() => MayHaveMissed?.Invoke();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnnounceIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AnnounceIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
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

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Announce(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Announce(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Notice(DbContext? context)
    {
        if (context is null) return;
        HashSet<Guid>? tenants = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var tenantId = entry switch
            {
                { Entity: KpiSettings settings, State: EntityState.Added or EntityState.Modified or EntityState.Deleted } => settings.TenantId,
                { Entity: Machine machine, State: EntityState.Added or EntityState.Deleted } => machine.TenantId,
                { Entity: Machine machine, State: EntityState.Modified }
                    when entry.Property(nameof(Machine.IdealCycleTimeSeconds)).IsModified || entry.Property(nameof(Machine.ProductCycleTimes)).IsModified
                    => machine.TenantId,
                _ => Guid.Empty,
            };
            if (tenantId != Guid.Empty) (tenants ??= _uncommitted.GetOrCreateValue(context)).Add(tenantId);
        }
    }

    private void AnnounceIfCommitted(DbContext? context)
    {
        // Inside a transaction the change is not visible to others before it commits (TransactionCommitted announces).
        if (context?.Database.CurrentTransaction is null) Announce(context);
    }

    private void Announce(DbContext? context)
    {
        if (context is null || !_uncommitted.TryGetValue(context, out var tenants)) return;
        _uncommitted.Remove(context);
        foreach (var tenantId in tenants)
        {
            ChangedHere?.Invoke(tenantId);
            Changed?.Invoke(tenantId);
        }
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

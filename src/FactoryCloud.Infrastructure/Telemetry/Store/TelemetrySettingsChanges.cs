using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// Notices, in every save of every context, a change to what <see cref="TelemetrySettingsCache"/> keeps per tenant: the
/// KPI loss settings, and machines added, removed or given other ideal cycle times (UI, API, CSV import alike, without
/// each service remembering to say so). It announces the tenant once the change is committed, never before: a save
/// outside a transaction at once, a save inside one when that transaction commits (a rolled-back one announces
/// nothing). On PostgreSQL <see cref="Persistence.Postgres.PostgresChangeFeed"/> carries the announcement to the other
/// processes.
/// </summary>
public sealed class TelemetrySettingsChanges : AfterCommitInterceptor<Guid>, ITenantChanges
{
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

    protected override ValueTask<IReadOnlyCollection<Guid>?> NoticeAsync(DbContext context, CancellationToken ct)
    {
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
            if (tenantId != Guid.Empty) (tenants ??= []).Add(tenantId);
        }
        return ValueTask.FromResult<IReadOnlyCollection<Guid>?>(tenants);
    }

    protected override Task CommittedAsync(IReadOnlyCollection<Guid> notices)
    {
        foreach (var tenantId in notices)
        {
            ChangedHere?.Invoke(tenantId);
            Changed?.Invoke(tenantId);
        }
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Email;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// Works the notification outbox organisation by organisation: schedules escalations and repeats, expands alert
/// events into deliveries, then sends what is due. It runs apart from alert evaluation and ingestion, which only add a
/// row to the outbox in the save they make anyway, so a slow mail server or webhook never holds them up; what was not
/// sent before a restart is sent after it.
/// <para>
/// Which organisations a pass visits: those whose alerts just changed (<see cref="AlertNotifications"/>, from this
/// process or, on PostgreSQL, another) at once, those with work left (pending entries, open alerts people were told
/// of) every <see cref="NotificationOptions.PollInterval"/>, and all of them every
/// <see cref="NotificationOptions.SweepInterval"/>, so that idle organisations cost nothing most of the time.
/// </para>
/// </summary>
public sealed class NotificationWorker(
    AppDbContextFactory contexts, IEmailSender email, WebhookSender webhooks, AlertNotifications alerts, PersonalNotices personal, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<NotificationWorker> logger) : BackgroundService
{
    private static readonly OutboxKind[] Events = [OutboxKind.AlertEvent];
    private static readonly OutboxKind[] Deliveries = [OutboxKind.Email, OutboxKind.Webhook, OutboxKind.PersonalEmail];

    private readonly ConcurrentDictionary<Guid, byte> _active = new();
    private readonly SemaphoreSlim _signal = new(0, 1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        alerts.Changed += OnAlertsChanged;
        personal.Told += OnPersonalNotices;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        alerts.Changed -= OnAlertsChanged;
        personal.Told -= OnPersonalNotices;
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    /// <summary>Notices saved with a work item change may have queued emails; an empty list is only a bell refresh.</summary>
    private void OnPersonalNotices(Guid tenantId, IReadOnlyCollection<Guid> users)
    {
        if (users.Count > 0) OnAlertsChanged(tenantId);
    }

    private void OnAlertsChanged(Guid tenantId)
    {
        _active[tenantId] = 0;
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sweep = clock.GetUtcNow() >= nextSweep;
            if (sweep) nextSweep = clock.GetUtcNow() + options.Value.SweepInterval;
            await PassAsync(sweep, stoppingToken);
            await _signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>One pass: every organisation, or those with something going on.</summary>
    public async Task PassAsync(bool everyOrganisation, CancellationToken ct)
    {
        List<Guid> tenants;
        try
        {
            if (everyOrganisation)
            {
                await using var db = contexts.Create(DataScope.None);
                tenants = await db.Tenants.Where(t => t.DeletedAt == null).Select(t => t.Id).ToListAsync(ct);
            }
            else
            {
                tenants = [.. _active.Keys];
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Listing organisations for the notification outbox failed");
            return;
        }
        foreach (var tenant in tenants)
        {
            _active.TryRemove(tenant, out _);
            try
            {
                if (await TenantPassAsync(tenant, ct)) _active[tenant] = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Processing the notification outbox of tenant {Tenant} failed", tenant);
                _active[tenant] = 0;
            }
        }
    }

    /// <summary>Returns whether work is left: pending entries, or open alerts that may escalate or repeat.</summary>
    private async Task<bool> TenantPassAsync(Guid tenantId, CancellationToken ct)
    {
        var settings = options.Value;
        await using (var db = contexts.Create(DataScope.ForTenant(tenantId)))
        {
            // An organisation scheduled for deletion is told nothing more (its outbox waits; a restore resumes it, the purge deletes it).
            if (await db.Tenants.AnyAsync(t => t.Id == tenantId && t.DeletedAt != null, ct)) return false;
            await AlertNoticeScheduler.ScheduleAsync(db, clock.GetUtcNow(), ct);
        }

        var expander = new AlertEventExpander(settings);
        // Expanded events may have added notification centre entries (alerts, by each person's choice): refresh the bells.
        if (await ForEachDueAsync(tenantId, Events, (db, entry, now) => expander.ExpandAsync(db, entry, now, ct), ct) > 0)
            personal.Announce(tenantId, []);
        var dispatcher = new OutboxDispatcher(email, webhooks, settings, logger);
        await ForEachDueAsync(tenantId, Deliveries, (db, entry, now) => dispatcher.SendAsync(db, entry, now, ct), ct);

        await using var check = contexts.Create(DataScope.ForTenant(tenantId));
        return await check.NotificationOutbox.AnyAsync(e => e.Status == OutboxStatus.Pending, ct)
            || await check.Alerts.AnyAsync(a => a.Status == Domain.Alerts.AlertStatus.Open && a.NotifiedAt != null, ct);
    }

    /// <summary>Claims each due entry of <paramref name="kinds"/> and processes it in a context of its own.</summary>
    private async Task<int> ForEachDueAsync(Guid tenantId, OutboxKind[] kinds, Func<AppDbContext, NotificationOutboxEntry, DateTimeOffset, Task> process, CancellationToken ct)
    {
        var settings = options.Value;
        List<Guid> due;
        await using (var db = contexts.Create(DataScope.ForTenant(tenantId)))
            due = await OutboxClaims.DueAsync(db, kinds, clock.GetUtcNow(), settings.BatchSize, ct);
        foreach (var id in due)
        {
            await using var db = contexts.Create(DataScope.ForTenant(tenantId));
            var now = clock.GetUtcNow();
            if (await OutboxClaims.ClaimAsync(db, id, now, settings.ClaimTimeout, ct) is { } entry) await process(db, entry, now);
        }
        return due.Count;
    }
}

using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Telemetry.Queries;

namespace FactoryCloud.Infrastructure.Alerts;

/// <summary>
/// Applies a tenant's rules to its machines (all, or those a commit touched) against the stored telemetry, and
/// raises, keeps or clears alerts in one save. Every rule is evaluated per machine of its scope.
/// </summary>
public sealed class AlertEvaluator(AppDbContextFactory contexts, AlertNotifications notifications, TimeProvider clock, ILogger<AlertEvaluator> logger)
{
    /// <summary>Evaluates the tenant's rules for <paramref name="machineIds"/>, or for every machine when null; returns the alerts changed.</summary>
    public async Task<int> EvaluateAsync(Guid tenantId, IReadOnlyCollection<Guid>? machineIds, CancellationToken ct)
    {
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var rules = await db.AlertRules.ToListAsync(ct);
        if (rules.Count == 0) return 0;

        var machines = await PlacesAsync(db, machineIds, ct);
        var ids = machines.Select(m => m.Id).ToList();
        var active = await db.Alerts.Where(a => a.ClearedAt == null && ids.Contains(a.MachineId)).ToListAsync(ct);
        var activeByPair = active.ToDictionary(a => (a.RuleId, a.MachineId));

        var now = clock.GetUtcNow();
        var reader = new MeasureSamplesReader(db);
        var states = await StateChangeRows.LatestAsync(db, ids, before: null, ct);
        var windows = await RollingWindowsAsync(db, rules, ids, now, ct);
        var evaluated = new HashSet<(Guid, Guid)>();
        var changed = 0;

        foreach (var rule in rules)
        {
            foreach (var machine in machines.Where(m => m.IsIn(rule)))
            {
                evaluated.Add((rule.Id, machine.Id));
                var alert = activeByPair.GetValueOrDefault((rule.Id, machine.Id));
                var condition = rule.Enabled
                    ? AlertConditions.Evaluate(rule, await FactsAsync(reader, rule, machine, states.GetValueOrDefault(machine.Id), windows, now, ct))
                    : AlertCondition.NotMet("The rule is disabled.");
                switch (AlertActions.Decide(condition.Status, alert is not null, rule.Enabled))
                {
                    case AlertAction.Raise:
                        var raised = Alert.Raise(rule, machine.Id, condition.Detail, now);
                        db.Alerts.Add(raised);
                        if (rule.Notification.SendsAnything) Notify(db, raised, AlertNoticeEvent.Raised, now);
                        changed++;
                        break;
                    case AlertAction.Clear:
                        Clear(db, alert!, now);
                        changed++;
                        break;
                }
            }
        }

        // A machine no longer in its rule's scope (the rule or the plant changed): its alert ends.
        foreach (var stale in active.Where(a => !evaluated.Contains((a.RuleId, a.MachineId))))
        {
            Clear(db, stale, now);
            changed++;
        }

        if (changed == 0) return 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another process raised the same alert a moment earlier; the next evaluation sees it.
            logger.LogInformation("Alert evaluation of tenant {Tenant} lost a race to another evaluator; retrying later", tenantId);
            return 0;
        }
        notifications.Publish(tenantId);
        return changed;
    }

    /// <summary>
    /// Clears the alert. The clear is told to those who were told of the raise, unless a user had closed it already
    /// (that was told then).
    /// </summary>
    private static void Clear(AppDbContext db, Alert alert, DateTimeOffset now)
    {
        var closedBefore = alert.Status == AlertStatus.Closed;
        alert.Clear(now);
        if (!closedBefore && alert.NotifiedAt is not null) Notify(db, alert, AlertNoticeEvent.Cleared, now);
    }

    /// <summary>
    /// The notice goes into the outbox in this same save: the worker sends it later, so evaluation never waits for
    /// a mail server or a webhook. Rules that notify only the bell add nothing.
    /// </summary>
    private static void Notify(AppDbContext db, Alert alert, AlertNoticeEvent e, DateTimeOffset now) =>
        db.NotificationOutbox.Add(NotificationOutboxEntry.ForAlert(alert, e, now));

    private static async Task<MachineAlertFacts> FactsAsync(
        MeasureSamplesReader reader, AlertRule rule, MachinePlace machine, StateChangeRows.Row? state,
        Dictionary<int, KpiData> windows, DateTimeOffset now, CancellationToken ct)
    {
        var facts = new MachineAlertFacts(now, state?.State, state?.At, state?.Reason, machine.LastSeenAt);
        switch (rule.Kind)
        {
            case AlertRuleKind.OeeBelow:
                return facts with { WindowTotals = windows[rule.DurationMinutes].Totals(machine.Id) };
            case AlertRuleKind.MeasureAbove or AlertRuleKind.MeasureBelow:
                return facts with { Measures = await reader.MeasuresAsync(machine.Id, rule.MeasureName!, now.AddMinutes(-rule.DurationMinutes), ct) };
            default:
                return facts;
        }
    }

    /// <summary>
    /// The KPI data of every machine for each OEE window length in use, read as the KPI API reads it (buckets, shift
    /// calendar, loss settings): a rule and a dashboard over the same window agree. Windows start on the minute N
    /// minutes back (the bucket granularity) and end now.
    /// </summary>
    private static async Task<Dictionary<int, KpiData>> RollingWindowsAsync(
        AppDbContext db, List<AlertRule> rules, List<Guid> machineIds, DateTimeOffset now, CancellationToken ct)
    {
        var windows = new Dictionary<int, KpiData>();
        foreach (var minutes in rules.Where(r => r.Enabled && r.Kind == AlertRuleKind.OeeBelow).Select(r => r.DurationMinutes).Distinct())
        {
            var window = new TimeWindow(BucketSize.Minute.StartOf(now.AddMinutes(-minutes)), now);
            windows[minutes] = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, ct);
        }
        return windows;
    }

    private static async Task<List<MachinePlace>> PlacesAsync(AppDbContext db, IReadOnlyCollection<Guid>? machineIds, CancellationToken ct)
    {
        var machines = machineIds is null ? db.Machines : db.Machines.Where(m => machineIds.Contains(m.Id));
        return await (
            from m in machines
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            select new MachinePlace(m.Id, m.LineId, a.SiteId, m.LastSeenAt)).ToListAsync(ct);
    }

    private sealed record MachinePlace(Guid Id, Guid LineId, Guid SiteId, DateTimeOffset? LastSeenAt)
    {
        public bool IsIn(AlertRule rule) => rule.ScopeKind switch
        {
            AlertScopeKind.Machine => rule.ScopeId == Id,
            AlertScopeKind.Line => rule.ScopeId == LineId,
            _ => rule.ScopeId == SiteId,
        };
    }
}

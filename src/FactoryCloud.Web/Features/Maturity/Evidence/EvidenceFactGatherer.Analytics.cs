using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Maturity.Evidence;
using FactoryCloud.Web.Features.Dashboards;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

// Analytics: reason-coded downtime, alert rules and acknowledgements, Pareto work items.
public sealed partial class EvidenceFactGatherer
{
    private static async Task<AnalyticsFacts> AnalyticsAsync(AppDbContext db, EvidenceScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var machineIds = scope.MachineIds.ToList();
        var since = now - EvidenceWindows.Trend;
        var hourStart = BucketSize.Hour.StartOf(since);
        var downtime = db.MachineDowntimeBuckets.Where(b => machineIds.Contains(b.MachineId) && b.Size == BucketSize.Hour && b.Start >= hourStart);
        var total = await downtime.SumAsync(b => (double?)b.DownSeconds, ct) ?? 0;
        var unexplained = await downtime.Where(b => b.Reason == MachineDowntimeBucket.NoReason).SumAsync(b => (double?)b.DownSeconds, ct) ?? 0;

        var rules = await db.AlertRules.Where(r => r.Enabled).Select(r => new { r.ScopeKind, r.ScopeId }).ToListAsync(ct);
        var acknowledged = await db.Alerts.Where(a => machineIds.Contains(a.MachineId) && a.RaisedAt >= since && a.AcknowledgedAt != null)
            .Select(a => new { a.RaisedAt, a.AcknowledgedAt }).ToListAsync(ct);

        var targets = scope.LinkTargets.ToList();
        string[] assetKinds = [LinkKinds.Site, LinkKinds.Line, LinkKinds.Machine];
        var paretoWork = await (from l in db.WorkItemLinks
                                join w in db.WorkItems on l.WorkItemId equals w.Id
                                where assetKinds.Contains(l.Kind) && targets.Contains(l.TargetId) && w.Description.Contains(DowntimeWorkItemRequest.ParetoMarker)
                                select w.Id).Distinct().CountAsync(ct);

        return new AnalyticsFacts(
            machineIds.Count, total, total - unexplained, rules.Count(r => scope.Covers(r.ScopeKind, r.ScopeId)),
            acknowledged.Select(a => Math.Max(0, (a.AcknowledgedAt!.Value - a.RaisedAt).TotalMinutes)).ToList(), paretoWork);
    }
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Maturity.Evidence;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

// Connectivity, data and energy: machines, telemetry events, hour buckets, refusals and the KPI service.
public sealed partial class EvidenceFactGatherer
{
    private async Task<(ConnectivityFacts, DataFacts)> TelemetryAsync(AppDbContext db, EvidenceScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - EvidenceWindows.Recent;
        var machineIds = scope.MachineIds.ToList();
        var lineIds = scope.LineIds.ToList();
        var online = await db.Machines.CountAsync(m => machineIds.Contains(m.Id) && m.LastSeenAt >= since, ct);

        double planned = 0, noData = 0;
        // Completeness asks how much of the planned window has data: a machine that never reported is silent for all of
        // it, so the planned time the KPIs leave out before a machine's first data counts here as time without data.
        foreach (var k in await SiteKpisAsync(scope, since, now, ct))
            (planned, noData) = (planned + k.PlannedProductionSeconds + k.BeforeFirstDataSeconds, noData + k.NoDataSeconds + k.BeforeFirstDataSeconds);
        double? completeness = planned > 0 ? (planned - noData) / planned : null;
        var linesWithOee = 0;
        foreach (var line in lineIds)
            if ((await kpis.GetAsync(KpiScope.Line, line, new TimeWindow(since, now), ct)).Value is { Performance: not null, Quality: not null }) linesWithOee++;

        var hourStart = BucketSize.Hour.StartOf(since);
        var accepted = await db.MachineBuckets
            .Where(b => machineIds.Contains(b.MachineId) && b.Size == BucketSize.Hour && b.Start >= hourStart)
            .SumAsync(b => (long?)b.MessageCount, ct) ?? 0;
        var siteIds = scope.SiteIds.ToList();
        var devices = db.Devices.Where(d =>
            (d.ScopeKind == Domain.Plants.DeviceScopeKind.Site && siteIds.Contains(d.ScopeId))
            || (d.ScopeKind == Domain.Plants.DeviceScopeKind.Line && lineIds.Contains(d.ScopeId))
            || (d.ScopeKind == Domain.Plants.DeviceScopeKind.Machine && machineIds.Contains(d.ScopeId))).Select(d => d.Id);
        var refused = await db.IngestionRefusals.LongCountAsync(r => r.At >= since && devices.Contains(r.DeviceId), ct);

        var channels = await db.TelemetryEvents.Where(e => machineIds.Contains(e.MachineId) && e.Timestamp >= since)
            .Select(e => new { e.MachineId, e.Channel }).Distinct().ToListAsync(ct);
        var allChannels = channels.GroupBy(c => c.MachineId).Count(g => g.Select(c => c.Channel).Distinct().Count() == Enum.GetValues<TelemetryChannel>().Length);

        return (new ConnectivityFacts(machineIds.Count, online, accepted, refused, completeness),
            new DataFacts(machineIds.Count, completeness, allChannels, lineIds.Count, linesWithOee, accepted, refused));
    }

    private static async Task<EnergyFacts> EnergyAsync(
        AppDbContext db, EvidenceScope scope, DateTimeOffset now, IReadOnlyList<KpiResult> trend, IReadOnlyList<KpiResult> before, CancellationToken ct)
    {
        var machineIds = scope.MachineIds.ToList();
        var since = BucketSize.Hour.StartOf(now - EvidenceWindows.Trend);
        var metering = await db.MachineBuckets
            .Where(b => machineIds.Contains(b.MachineId) && b.Size == BucketSize.Hour && b.Start >= since && b.EnergyKwh > 0)
            .Select(b => b.MachineId).Distinct().CountAsync(ct);
        return new EnergyFacts(machineIds.Count, metering, EnergyPerUnit(trend), EnergyPerUnit(before));
    }

    /// <summary>kWh over good units of all sites together; null without energy or without good units.</summary>
    private static double? EnergyPerUnit(IReadOnlyList<KpiResult> sites)
    {
        var (energy, good) = (sites.Sum(s => s.EnergyKwh), sites.Sum(s => s.GoodCount));
        return energy > 0 && good > 0 ? energy / good : null;
    }

    /// <summary>Availability weighted by planned time, performance by run time, over the sites that have them.</summary>
    private static AutomationFacts Automation(IReadOnlyList<KpiResult> trend, IReadOnlyList<KpiResult> before) =>
        new(Weighted(trend, k => k.Availability, k => k.PlannedProductionSeconds), Weighted(trend, k => k.Performance, k => k.RunSeconds),
            Weighted(before, k => k.Availability, k => k.PlannedProductionSeconds), Weighted(before, k => k.Performance, k => k.RunSeconds));

    private static double? Weighted(IReadOnlyList<KpiResult> sites, Func<KpiResult, double?> value, Func<KpiResult, double> weight)
    {
        var known = sites.Where(s => value(s) is not null && weight(s) > 0).ToList();
        var total = known.Sum(weight);
        return total > 0 ? known.Sum(s => value(s)!.Value * weight(s)) / total : null;
    }
}

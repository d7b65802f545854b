using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>
/// Telemetry evidence for the Connectivity and Data dimensions, over the last 24 hours, from the tables the
/// ingestion health page and the KPI service already read:
/// <list type="bullet">
/// <item>machines reporting: onboarded machines whose <c>LastSeenAt</c> lies in the window;</item>
/// <item>data completeness: planned time covered by state data, as the KPI service computes it for the site
/// (planned time minus no-data time, over planned time; KpiFigures' DataCoverage);</item>
/// <item>refused-message rate: refusals of devices issued for the site, its lines or machines, against the
/// messages accepted into the machines' hour buckets;</item>
/// <item>OEE on every line: every line of the site has machines with run time and counts, so its OEE is defined.</item>
/// </list>
/// </summary>
public sealed class MaturityEvidenceService(IDbContextFactory<AppDbContext> contexts, KpiService kpis, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The site's evidence, or null when the site does not exist (in this tenant).</summary>
    public async Task<EvidenceView?> ForSiteAsync(Guid siteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct)) return null;
        return await ComputeAsync(db, [siteId], ct);
    }

    /// <summary>The evidence of every site together, for an assessment of the whole organisation.</summary>
    public async Task<EvidenceView> ForOrganisationAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ComputeAsync(db, await db.Sites.Select(s => s.Id).ToListAsync(ct), ct);
    }

    private async Task<EvidenceView> ComputeAsync(AppDbContext db, List<Guid> siteIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - Window;
        var lines = await (from l in db.Lines join a in db.Areas on l.AreaId equals a.Id where siteIds.Contains(a.SiteId) select l.Id).ToListAsync(ct);
        var machines = await db.Machines.Where(m => lines.Contains(m.LineId)).Select(m => new { m.Id, m.LastSeenAt }).ToListAsync(ct);
        var machineIds = machines.Select(m => m.Id).ToList();

        double planned = 0, noData = 0;
        foreach (var site in siteIds)
            if ((await kpis.GetAsync(KpiScope.Site, site, since, now, ct)).Value is { } k) (planned, noData) = (planned + k.PlannedProductionSeconds, noData + k.NoDataSeconds);
        var linesWithOee = 0;
        foreach (var line in lines)
            if ((await kpis.GetAsync(KpiScope.Line, line, since, now, ct)).Value is { Performance: not null, Quality: not null }) linesWithOee++;

        var hourStart = BucketSize.Hour.StartOf(since);
        var accepted = await db.MachineBuckets
            .Where(b => machineIds.Contains(b.MachineId) && b.Size == BucketSize.Hour && b.Start >= hourStart)
            .SumAsync(b => (long?)b.MessageCount, ct) ?? 0;
        var devices = db.Devices.Where(d =>
            (d.ScopeKind == DeviceScopeKind.Site && siteIds.Contains(d.ScopeId))
            || (d.ScopeKind == DeviceScopeKind.Line && lines.Contains(d.ScopeId))
            || (d.ScopeKind == DeviceScopeKind.Machine && machineIds.Contains(d.ScopeId))).Select(d => d.Id);
        var refused = await db.IngestionRefusals.LongCountAsync(r => r.At >= since && devices.Contains(r.DeviceId), ct);

        var figures = new EvidenceFigures(
            machines.Count, machines.Count(m => m.LastSeenAt >= since), planned > 0 ? (planned - noData) / planned : null,
            accepted, refused, lines.Count, linesWithOee);
        var suggestions = new Dictionary<string, SuggestedStage>
        {
            [nameof(EvidenceSource.Connectivity)] = EvidenceSuggestion.Suggest(EvidenceSource.Connectivity, figures)!,
            [nameof(EvidenceSource.Data)] = EvidenceSuggestion.Suggest(EvidenceSource.Data, figures)!,
        };
        return new EvidenceView(since, figures, figures.ReportingShare, figures.RefusedRate, figures.OeeOnEveryLine, suggestions);
    }
}

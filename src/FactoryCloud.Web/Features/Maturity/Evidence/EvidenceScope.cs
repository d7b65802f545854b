using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

/// <summary>The plant assets one evidence covers: one site (with its lines and machines) or every site of the tenant.</summary>
public sealed record EvidenceScope(Guid? SiteId, IReadOnlyList<Guid> SiteIds, IReadOnlyList<Guid> LineIds, IReadOnlyList<Guid> MachineIds)
{
    public static async Task<EvidenceScope> LoadAsync(AppDbContext db, Guid? siteId, CancellationToken ct)
    {
        var sites = siteId is { } id ? [id] : await db.Sites.Select(s => s.Id).ToListAsync(ct);
        var lines = await (from l in db.Lines join a in db.Areas on l.AreaId equals a.Id where sites.Contains(a.SiteId) select l.Id).ToListAsync(ct);
        var machines = await db.Machines.Where(m => lines.Contains(m.LineId)).Select(m => m.Id).ToListAsync(ct);
        return new EvidenceScope(siteId, sites, lines, machines);
    }

    public bool Covers(AssetKind kind, Guid id) => kind switch
    {
        AssetKind.Site => SiteIds.Contains(id),
        AssetKind.Line => LineIds.Contains(id),
        _ => MachineIds.Contains(id),
    };

    public bool Covers(AlertScopeKind kind, Guid id) => Covers(kind switch
    {
        AlertScopeKind.Site => AssetKind.Site,
        AlertScopeKind.Line => AssetKind.Line,
        _ => AssetKind.Machine,
    }, id);

    public bool Covers(DeviceScopeKind kind, Guid id) => Covers(kind switch
    {
        DeviceScopeKind.Site => AssetKind.Site,
        DeviceScopeKind.Line => AssetKind.Line,
        _ => AssetKind.Machine,
    }, id);

    /// <summary>Link targets of the assets (work item links store ids as text).</summary>
    public IReadOnlyList<string> LinkTargets => [.. SiteIds.Concat(LineIds).Concat(MachineIds).Select(i => i.ToString())];
}

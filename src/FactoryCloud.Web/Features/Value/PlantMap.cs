using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Value;

/// <summary>The tenant's sites, lines and machines, to find a hypothesis scope's site and machines.</summary>
internal sealed class PlantMap
{
    public sealed record SiteName(Guid Id, string Name);

    private readonly Dictionary<Guid, SiteName> _sites;
    private readonly Dictionary<Guid, Guid> _lineSite;
    private readonly Dictionary<Guid, Guid> _machineLine;

    private PlantMap(Dictionary<Guid, SiteName> sites, Dictionary<Guid, Guid> lineSite, Dictionary<Guid, Guid> machineLine) =>
        (_sites, _lineSite, _machineLine) = (sites, lineSite, machineLine);

    public static async Task<PlantMap> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var sites = await db.Sites.Select(s => new SiteName(s.Id, s.Name)).ToDictionaryAsync(s => s.Id, ct);
        var lineSite = await (from l in db.Lines join a in db.Areas on l.AreaId equals a.Id select new { l.Id, a.SiteId }).ToDictionaryAsync(x => x.Id, x => x.SiteId, ct);
        var machineLine = await db.Machines.Select(m => new { m.Id, m.LineId }).ToDictionaryAsync(m => m.Id, m => m.LineId, ct);
        return new PlantMap(sites, lineSite, machineLine);
    }

    public SiteName? SiteOf(AssetKind kind, Guid id) => kind switch
    {
        AssetKind.Site => _sites.GetValueOrDefault(id),
        AssetKind.Line => _lineSite.TryGetValue(id, out var site) ? _sites.GetValueOrDefault(site) : null,
        _ => _machineLine.TryGetValue(id, out var line) ? SiteOf(AssetKind.Line, line) : null,
    };

    /// <summary>The line of a line or machine scope; null for a site (its hours cost the site's rate).</summary>
    public Guid? LineOf(AssetKind kind, Guid id) => kind switch
    {
        AssetKind.Line => id,
        AssetKind.Machine => _machineLine.TryGetValue(id, out var line) ? line : null,
        _ => null,
    };

    public IReadOnlySet<Guid> MachinesOf(AssetKind kind, Guid id) => kind switch
    {
        AssetKind.Machine => new HashSet<Guid> { id },
        AssetKind.Line => _machineLine.Where(m => m.Value == id).Select(m => m.Key).ToHashSet(),
        _ => _machineLine.Where(m => _lineSite.GetValueOrDefault(m.Value) == id).Select(m => m.Key).ToHashSet(),
    };
}

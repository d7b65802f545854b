using System.Globalization;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// Loads the plant overview for the current tenant (every query is tenant-filtered by the context). Current state:
/// each machine's latest <see cref="MachineStateChange"/>. OEE: <see cref="KpiService"/> over today's UTC day,
/// evaluated up to now (KpiService cuts the window at now), once per machine and once per line.
/// </summary>
public sealed class PlantOverviewService(IDbContextFactory<AppDbContext> contexts, KpiService kpis, TimeProvider clock)
{
    public async Task<PlantOverview> GetAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);

        List<Site> sites;
        List<Area> areas;
        List<Line> lines;
        List<Machine> machines;
        List<MachineStateChange> latest;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            sites = await db.Sites.AsNoTracking().ToListAsync(ct);
            areas = await db.Areas.AsNoTracking().ToListAsync(ct);
            lines = await db.Lines.AsNoTracking().ToListAsync(ct);
            machines = await db.Machines.AsNoTracking().ToListAsync(ct);
            latest = machines.Count == 0 ? [] : await db.MachineStateChanges.AsNoTracking()
                .GroupBy(c => c.MachineId)
                .Select(g => g.OrderByDescending(c => c.At).First())
                .ToListAsync(ct);
        }

        var (from, to) = (Rfc3339(today), Rfc3339(today.AddDays(1)));
        var oee = new Dictionary<Guid, double?>();
        foreach (var machine in machines) oee[machine.Id] = await OeeAsync(KpiScope.Machine, machine.Id, from, to, ct);
        foreach (var line in lines.Where(l => machines.Any(m => m.LineId == l.Id)))
            oee[line.Id] = await OeeAsync(KpiScope.Line, line.Id, from, to, ct);

        return Build(sites, areas, lines, machines, latest, oee, now, today);
    }

    /// <summary>
    /// Arranges the rows into site → area → line → machine tiles, each level ordered by name. Pure, so the grouping
    /// and the time in state are tested without a database.
    /// </summary>
    public static PlantOverview Build(
        IEnumerable<Site> sites, IEnumerable<Area> areas, IEnumerable<Line> lines, IEnumerable<Machine> machines,
        IEnumerable<MachineStateChange> latestChanges, IReadOnlyDictionary<Guid, double?> oee, DateTimeOffset now, DateTimeOffset oeeFrom)
    {
        var latest = latestChanges.GroupBy(c => c.MachineId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!);
        var machinesByLine = machines.ToLookup(m => m.LineId);
        var linesByArea = lines.ToLookup(l => l.AreaId);
        var areasBySite = areas.ToLookup(a => a.SiteId);

        MachineTile Tile(Machine m)
        {
            var change = latest.GetValueOrDefault(m.Id);
            return new MachineTile(m.Id, m.Key, m.Name, change?.State, change?.At, change is null ? null : now - change.At,
                oee.GetValueOrDefault(m.Id));
        }

        return new PlantOverview(
            sites.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).Select(s => new SiteOverview(s.Id, s.Name,
                areasBySite[s.Id].OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).Select(a => new AreaOverview(a.Id, a.Name,
                    linesByArea[a.Id].OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase).Select(l => new LineOverview(l.Id, l.Name,
                        oee.GetValueOrDefault(l.Id),
                        machinesByLine[l.Id].OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).Select(Tile).ToList())).ToList())).ToList())).ToList(),
            now, oeeFrom);
    }

    private async Task<double?> OeeAsync(KpiScope scope, Guid id, string from, string to, CancellationToken ct)
    {
        var result = await kpis.GetAsync(scope, id, from, to, ct);
        return result.Succeeded ? result.Value!.Oee : null;
    }

    private static string Rfc3339(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// Loads the plant overview for the current tenant (every query is tenant-filtered by the context). Per site, the
/// range is resolved in the site's time zone and all its machines are loaded at once (<see cref="KpiData"/>: a fixed
/// number of queries, not one per machine); lines sum their machines' totals. Open overviews of the same tenant and
/// range share one load (<see cref="SharedPlantOverviews"/>).
/// </summary>
public sealed class PlantOverviewService(
    IDbContextFactory<AppDbContext> contexts, TimeProvider clock, CurrentTenant? tenant = null, SharedPlantOverviews? shared = null)
{
    /// <summary>
    /// For a live refresh: the overview shared with the tenant's other open overviews of this range, loaded after the
    /// latest announced commit. Opening the page loads its own (<see cref="GetAsync"/>), so edits show at once.
    /// </summary>
    public Task<PlantOverview> GetLiveAsync(TimeRangeKind range) =>
        shared is not null && tenant?.TenantId is { } tenantId
            ? shared.GetAsync(tenantId, range, () => GetAsync(range, ct: CancellationToken.None))
            : GetAsync(range);

    /// <summary>The overview over a range (<paramref name="customFrom"/> and <paramref name="customTo"/>: local dates of a custom one).</summary>
    public async Task<PlantOverview> GetAsync(
        TimeRangeKind range = TimeRangeKind.Today, DateOnly? customFrom = null, DateOnly? customTo = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().ToListAsync(ct);
        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var lines = await db.Lines.AsNoTracking().ToListAsync(ct);
        var machines = await db.Machines.AsNoTracking().ToListAsync(ct);

        var kpis = new Dictionary<Guid, TileKpis>();
        var windows = new Dictionary<Guid, TimeWindow>();
        var latest = new List<MachineStateChange>();
        var siteOfArea = areas.ToDictionary(a => a.Id, a => a.SiteId);
        var siteOfLine = lines.ToDictionary(l => l.Id, l => siteOfArea[l.AreaId]);
        foreach (var site in sites)
        {
            var window = TimeRanges.Resolve(range, now, new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone)), customFrom, customTo);
            windows[site.Id] = window;
            var siteMachines = machines.Where(m => siteOfLine[m.LineId] == site.Id).ToList();
            if (siteMachines.Count == 0) continue;
            var data = await KpiData.LoadAsync(db, siteMachines.Select(m => m.Id).ToList(), window, now, perBucket: false, ct, currentStates: true);
            foreach (var machine in siteMachines)
            {
                kpis[machine.Id] = Tile(data.Totals(machine.Id));
                if (data.CurrentState(machine.Id) is { } current)
                    latest.Add(new MachineStateChange { MachineId = machine.Id, At = current.At, State = current.State, Reason = current.Reason });
            }
            foreach (var line in siteMachines.GroupBy(m => m.LineId))
                kpis[line.Key] = Tile(data.Totals(line.Select(m => m.Id)));
        }

        return Build(sites, areas, lines, machines, latest, kpis, windows, now, range);
    }

    private static TileKpis Tile(KpiTotals totals)
    {
        var result = KpiResult.Of(totals, 1, new TimeWindow());
        return new TileKpis(result.Oee, result.TopLoss);
    }

    /// <summary>
    /// Arranges the rows into site → area → line → machine tiles, each level ordered by name. Pure, so the grouping
    /// and the time in state are tested without a database.
    /// </summary>
    public static PlantOverview Build(
        IEnumerable<Site> sites, IEnumerable<Area> areas, IEnumerable<Line> lines, IEnumerable<Machine> machines,
        IEnumerable<MachineStateChange> latestChanges, IReadOnlyDictionary<Guid, TileKpis> kpis,
        IReadOnlyDictionary<Guid, TimeWindow> siteWindows, DateTimeOffset now, TimeRangeKind range)
    {
        var latest = latestChanges.GroupBy(c => c.MachineId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!);
        var machinesByLine = machines.ToLookup(m => m.LineId);
        var linesByArea = lines.ToLookup(l => l.AreaId);
        var areasBySite = areas.ToLookup(a => a.SiteId);
        var byName = StringComparer.CurrentCultureIgnoreCase;

        MachineTile Tile(Machine m)
        {
            var change = latest.GetValueOrDefault(m.Id);
            return new MachineTile(m.Id, m.Key, m.Name, change?.State, change?.At, change is null ? null : now - change.At,
                kpis.GetValueOrDefault(m.Id) ?? TileKpis.None);
        }

        return new PlantOverview(
            sites.OrderBy(s => s.Name, byName).Select(s => new SiteOverview(s.Id, s.Name, siteWindows.GetValueOrDefault(s.Id),
                areasBySite[s.Id].OrderBy(a => a.Name, byName).Select(a => new AreaOverview(a.Id, a.Name,
                    linesByArea[a.Id].OrderBy(l => l.Name, byName).Select(l => new LineOverview(l.Id, l.Name,
                        kpis.GetValueOrDefault(l.Id) ?? TileKpis.None,
                        machinesByLine[l.Id].OrderBy(m => m.Name, byName).Select(Tile).ToList())).ToList())).ToList()) { TimeZone = s.TimeZone }).ToList(),
            now, range);
    }
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Infrastructure.Telemetry.Queries;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>
/// KPIs of a machine, line, area or site (see <see cref="KpiData"/> for what is read and how). Lines, areas and sites
/// sum their machines' totals, then compute the ratios (never an average of ratios). The window is the requested one
/// widened to whole UTC minutes (<see cref="KpiQuery.WholeMinutes"/>), evaluated up to now. The API parses its query
/// text into a <see cref="TimeWindow"/> once (<see cref="KpiQuery.Parse"/>); services call with windows.
/// </summary>
public sealed class KpiService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Breakdown time by reason (a Pareto) over the window, in planned time, without small stops.</summary>
    public async Task<OperationResult<IReadOnlyList<ParetoEntry>>> GetDowntimeAsync(KpiScope scope, Guid id, TimeWindow window, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(scope, id, KpiQuery.WholeMinutes(window), perBucket: false, downtime: true, ct: ct);
        if (loaded.Failure is { } failure) return failure;
        var data = loaded.Value!;
        return DowntimePareto.Build(data.Downtime(data.MachineIds)).ToList();
    }

    /// <summary>The scope's KPIs over <paramref name="window"/>, widened to whole UTC minutes.</summary>
    public async Task<OperationResult<KpiResult>> GetAsync(KpiScope scope, Guid id, TimeWindow window, CancellationToken ct = default)
    {
        var minutes = KpiQuery.WholeMinutes(window);
        var loaded = await LoadAsync(scope, id, minutes, perBucket: false, ct: ct);
        if (loaded.Failure is { } failure) return failure;
        var data = loaded.Value!;
        var ids = data.MachineIds.ToList();
        return KpiResult.Of(data.Totals(ids), ids.Count, minutes);
    }

    /// <summary>
    /// The scope's data for a window; <paramref name="perBucket"/> evaluates time from the state timeline with counts
    /// per bucket, <paramref name="steps"/> splits the window into steps read from buckets (trends).
    /// </summary>
    public async Task<OperationResult<KpiData>> LoadAsync(
        KpiScope scope, Guid id, TimeWindow window, bool perBucket, bool downtime = false,
        Func<TimeWindow, IReadOnlyList<TimeWindow>>? steps = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await ExistsAsync(db, scope, id, ct)) return Failure.NotFound($"The {scope.ToString().ToLowerInvariant()}");
        var ids = scope == KpiScope.Machine ? [id] : await MachineIds(db, scope, id).ToListAsync(ct);
        return await KpiData.LoadAsync(db, ids, window, clock.GetUtcNow(), perBucket, ct, downtime: downtime, steps: steps);
    }

    private static Task<bool> ExistsAsync(AppDbContext db, KpiScope scope, Guid id, CancellationToken ct) => scope switch
    {
        KpiScope.Machine => db.Machines.AnyAsync(m => m.Id == id, ct),
        KpiScope.Line => db.Lines.AnyAsync(l => l.Id == id, ct),
        KpiScope.Area => db.Areas.AnyAsync(a => a.Id == id, ct),
        _ => db.Sites.AnyAsync(s => s.Id == id, ct),
    };

    /// <summary>The ids of the scope's machines (tenant-filtered like every query).</summary>
    private static IQueryable<Guid> MachineIds(AppDbContext db, KpiScope scope, Guid id) => scope switch
    {
        KpiScope.Line => db.Machines.Where(m => m.LineId == id).Select(m => m.Id),
        KpiScope.Area => db.Machines.Where(m => db.Lines.Any(l => l.Id == m.LineId && l.AreaId == id)).Select(m => m.Id),
        KpiScope.Site => db.Machines
            .Where(m => db.Lines.Any(l => l.Id == m.LineId && db.Areas.Any(a => a.Id == l.AreaId && a.SiteId == id)))
            .Select(m => m.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "A machine is its own scope."),
    };
}

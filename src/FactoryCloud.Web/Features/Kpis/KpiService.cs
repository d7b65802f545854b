using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Common;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>
/// KPIs from the pre-aggregated <see cref="MachineBucket"/>s, never from raw events. Rules:
/// <list type="bullet">
/// <item>Window: the requested one widened to whole UTC minutes (<see cref="KpiQuery"/>). Hour buckets for the
/// whole hours inside it, minute buckets for the partial hours at both ends, so 30 days read ~720 rows per machine.</item>
/// <item>Open tail: buckets hold only closed state intervals. A machine's latest state change holds from its
/// <c>At</c> until now, so [latest At, now) clipped to the window is added to that state's seconds.</item>
/// <item>Time after now is not evaluated (as <see cref="StateTimeline"/> does): the window is cut at now.</item>
/// <item>KpiTotals conventions, without a shift calendar (not applied yet: the whole window counts as planned):
/// planned production time = evaluated window − PlannedStop, per machine. Time with no state data (before the first
/// change) is NoData and stays inside planned time, lowering availability; <c>noDataSeconds</c> shows how much.</item>
/// <item>Down → Breakdown, Changeover → Setup; buckets do not classify small stops or loss-rule overrides, so every
/// Down second is a breakdown and operating time is Run only. Counts are all counts in the window (buckets do not
/// split them into planned and unplanned).</item>
/// <item>Lines, areas and sites sum the machines' totals, then compute the ratios (never an average of ratios).</item>
/// </list>
/// </summary>
public sealed class KpiService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Downtime by reason (a Pareto) over the window, from the downtime buckets plus any open down interval.</summary>
    public async Task<OperationResult<IReadOnlyList<ParetoEntry>>> GetDowntimeAsync(KpiScope scope, Guid id, string? from, string? to, CancellationToken ct = default)
    {
        var parsed = KpiQuery.Parse(from, to);
        if (parsed.Failure is { } invalid) return invalid;
        var window = parsed.Value;

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await ExistsAsync(db, scope, id, ct)) return Failure.NotFound($"The {scope.ToString().ToLowerInvariant()}");
        var machineIds = MachineIds(db, scope, id);

        var seconds = await db.MachineDowntimeBuckets.Covering(machineIds, window)
            .GroupBy(b => b.Reason).Select(g => new { Reason = g.Key, Seconds = g.Sum(b => b.DownSeconds) }).ToListAsync(ct);
        var episodes = await db.MachineStateChanges
            .Where(c => machineIds.Contains(c.MachineId) && c.State == MachineState.Down && c.At >= window.Start && c.At < window.End)
            .GroupBy(c => c.Reason).Select(g => new { Reason = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var byReason = seconds.ToDictionary(s => s.Reason, s => s.Seconds);

        // A machine that is down now: its open interval is not in the buckets yet.
        foreach (var (change, tail) in await OpenTailsAsync(db, machineIds, Evaluated(window), ct))
        {
            if (change.State != MachineState.Down) continue;
            var reason = change.Reason ?? MachineDowntimeBucket.NoReason;
            byReason[reason] = byReason.GetValueOrDefault(reason) + tail.Seconds;
        }

        var episodesByReason = episodes.ToDictionary(e => e.Reason ?? MachineDowntimeBucket.NoReason, e => e.Count);
        return DowntimePareto.Build(byReason.Select(r => new ReasonDowntime(
            r.Key.Length == 0 ? null : r.Key, r.Value, episodesByReason.GetValueOrDefault(r.Key)))).ToList();
    }

    public async Task<OperationResult<KpiResult>> GetAsync(KpiScope scope, Guid id, string? from, string? to, CancellationToken ct = default)
    {
        var parsed = KpiQuery.Parse(from, to);
        if (parsed.Failure is { } invalid) return invalid;
        var window = parsed.Value;

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await ExistsAsync(db, scope, id, ct)) return Failure.NotFound($"The {scope.ToString().ToLowerInvariant()}");
        var machineIds = MachineIds(db, scope, id);
        var machineCount = await machineIds.CountAsync(ct);

        var evaluated = Evaluated(window);

        var sums = await SumBucketsAsync(db, machineIds, window, ct);
        foreach (var (change, tail) in await OpenTailsAsync(db, machineIds, evaluated, ct))
            sums = sums.Add(change.State, tail.Seconds);

        var stateSeconds = sums.Run + sums.Idle + sums.Down + sums.Changeover + sums.PlannedStop + sums.Offline;
        var noData = Math.Max(0, (machineCount * evaluated.Seconds) - stateSeconds);
        var totals = new KpiTotals
        {
            PlannedSeconds = sums.Run + sums.Idle + sums.Down + sums.Changeover + sums.Offline + noData,
            RunSeconds = sums.Run,
            BreakdownSeconds = sums.Down,
            SetupSeconds = sums.Changeover,
            IdleSeconds = sums.Idle,
            OfflineSeconds = sums.Offline,
            NoDataSeconds = noData,
            PlannedStopSeconds = sums.PlannedStop,
            GoodCount = sums.Good,
            ScrapCount = sums.Scrap,
            IdealSecondsTotal = sums.IdealTotal,
            IdealSecondsGood = sums.IdealGood,
            EnergyKwh = sums.Energy,
        };
        var figures = KpiFigures.From(totals);
        return new KpiResult(
            figures.Availability, figures.Performance, figures.Quality, figures.Oee,
            totals.PlannedSeconds, totals.RunSeconds, totals.BreakdownSeconds, totals.IdleSeconds, totals.SetupSeconds,
            totals.OfflineSeconds, totals.PlannedStopSeconds, totals.NoDataSeconds,
            totals.GoodCount, totals.ScrapCount, totals.TotalCount, machineCount, window.Start, window.End);
    }

    private static Task<bool> ExistsAsync(AppDbContext db, KpiScope scope, Guid id, CancellationToken ct) => scope switch
    {
        KpiScope.Machine => db.Machines.AnyAsync(m => m.Id == id, ct),
        KpiScope.Line => db.Lines.AnyAsync(l => l.Id == id, ct),
        KpiScope.Area => db.Areas.AnyAsync(a => a.Id == id, ct),
        _ => db.Sites.AnyAsync(s => s.Id == id, ct),
    };

    /// <summary>The ids of the scope's machines, as a subquery (tenant-filtered like every query).</summary>
    private static IQueryable<Guid> MachineIds(AppDbContext db, KpiScope scope, Guid id) => scope switch
    {
        KpiScope.Machine => db.Machines.Where(m => m.Id == id).Select(m => m.Id),
        KpiScope.Line => db.Machines.Where(m => m.LineId == id).Select(m => m.Id),
        KpiScope.Area => db.Machines.Where(m => db.Lines.Any(l => l.Id == m.LineId && l.AreaId == id)).Select(m => m.Id),
        _ => db.Machines
            .Where(m => db.Lines.Any(l => l.Id == m.LineId && db.Areas.Any(a => a.Id == l.AreaId && a.SiteId == id)))
            .Select(m => m.Id),
    };

    private static async Task<BucketSums> SumBucketsAsync(
        AppDbContext db, IQueryable<Guid> machineIds, TimeWindow window, CancellationToken ct)
    {
        var sums = await db.MachineBuckets.Covering(machineIds, window)
            .GroupBy(b => 1)
            .Select(g => new BucketSums(
                g.Sum(b => b.RunSeconds), g.Sum(b => b.IdleSeconds), g.Sum(b => b.DownSeconds), g.Sum(b => b.ChangeoverSeconds),
                g.Sum(b => b.PlannedStopSeconds), g.Sum(b => b.OfflineSeconds), g.Sum(b => b.GoodCount), g.Sum(b => b.ScrapCount),
                g.Sum(b => b.IdealSecondsTotal), g.Sum(b => b.IdealSecondsGood), g.Sum(b => b.EnergyKwh)))
            .FirstOrDefaultAsync(ct);
        return sums ?? BucketSums.Zero;
    }

    /// <summary>The part of the window up to now: time after now is not evaluated.</summary>
    private TimeWindow Evaluated(TimeWindow window)
    {
        var now = clock.GetUtcNow();
        return new TimeWindow(window.Start, now < window.End ? (now > window.Start ? now : window.Start) : window.End);
    }

    /// <summary>Each machine's latest state change holds until now: [At, now) clipped to the evaluated window.</summary>
    private static async Task<List<(MachineStateChange Change, TimeWindow Tail)>> OpenTailsAsync(
        AppDbContext db, IQueryable<Guid> machineIds, TimeWindow evaluated, CancellationToken ct)
    {
        if (evaluated.IsEmpty) return [];
        var latest = await db.MachineStateChanges
            .Where(c => machineIds.Contains(c.MachineId))
            .GroupBy(c => c.MachineId)
            .Select(g => g.OrderByDescending(c => c.At).First())
            .ToListAsync(ct);
        var tails = new List<(MachineStateChange, TimeWindow)>(latest.Count);
        foreach (var change in latest)
        {
            // A change at or after the evaluated end leaves no open time inside the window.
            if (new TimeWindow(change.At < evaluated.End ? change.At : evaluated.End, evaluated.End).Intersect(evaluated) is { } tail)
                tails.Add((change, tail));
        }
        return tails;
    }

    private sealed record BucketSums(
        double Run, double Idle, double Down, double Changeover, double PlannedStop, double Offline,
        long Good, long Scrap, double IdealTotal, double IdealGood, double Energy)
    {
        public static BucketSums Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public BucketSums Add(MachineState state, double seconds) => state switch
        {
            MachineState.Running => this with { Run = Run + seconds },
            MachineState.Idle => this with { Idle = Idle + seconds },
            MachineState.Down => this with { Down = Down + seconds },
            MachineState.Changeover => this with { Changeover = Changeover + seconds },
            MachineState.PlannedStop => this with { PlannedStop = PlannedStop + seconds },
            _ => this with { Offline = Offline + seconds },
        };
    }
}

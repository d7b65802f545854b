using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Infrastructure.Telemetry.Queries;

/// <summary>
/// Reads the buckets that cover planned time (<see cref="BucketPlan"/>) for a set of machines: per size, one index range
/// per machine and run of consecutive buckets when there are few runs, else two index probes per machine and bucket
/// start (MachineId, Size, Start), not a range scan filtered by a list: PostgreSQL checks "= ANY(array)" row by row
/// when it scans a range.
/// </summary>
public static class KpiBucketRows
{
    public sealed record Sums(Guid MachineId, DateTimeOffset Start, CountSums Counts, MachineBucketSums Time);

    /// <summary>Counts and time sums per machine (<paramref name="perBucket"/>: per machine and bucket start).</summary>
    public static async Task<List<Sums>> SumsAsync(
        AppDbContext db, List<Guid> machineIds, TimeWindow evaluated, BucketPlan plan, bool perBucket, CancellationToken ct)
    {
        if (plan.IsEmpty) return [];
        var buckets = Planned(db.MachineBuckets.AsNoTracking(), machineIds, plan);
        if (perBucket)
        {
            return await buckets.GroupBy(b => new { b.MachineId, b.Start })
                .Select(g => new Sums(g.Key.MachineId, g.Key.Start, new CountSums(
                    g.Sum(b => b.GoodCount), g.Sum(b => b.ScrapCount), g.Sum(b => b.IdealSecondsTotal), g.Sum(b => b.IdealSecondsGood), g.Sum(b => b.EnergyKwh)),
                    new MachineBucketSums()))
                .ToListAsync(ct);
        }
        return await buckets.GroupBy(b => b.MachineId)
            .Select(g => new Sums(g.Key, evaluated.Start, new CountSums(
                    g.Sum(b => b.GoodCount), g.Sum(b => b.ScrapCount), g.Sum(b => b.IdealSecondsTotal), g.Sum(b => b.IdealSecondsGood), g.Sum(b => b.EnergyKwh)),
                new MachineBucketSums(
                    g.Sum(b => b.RunTicks), g.Sum(b => b.PlannedStopTicks), g.Sum(b => b.BreakdownTicks), g.Sum(b => b.SmallStopTicks),
                    g.Sum(b => b.SetupTicks), g.Sum(b => b.IdleLossTicks), g.Sum(b => b.OfflineLossTicks), g.Sum(b => b.NoDataLossTicks),
                    g.Sum(b => b.BreakdownEpisodes))))
            .ToListAsync(ct);
    }

    /// <summary>Closed breakdown time (ticks) and episodes of one machine and stored reason (<see cref="MachineDowntimeBucket.NoReason"/> for none).</summary>
    public sealed record ReasonTicks(Guid MachineId, string Reason, long Ticks, long Episodes);

    /// <summary>Closed breakdown time and episodes per machine and reason in planned time.</summary>
    public static async Task<List<(Guid MachineId, ReasonDowntime Downtime)>> DowntimeAsync(
        AppDbContext db, List<Guid> machineIds, BucketPlan plan, CancellationToken ct) =>
        Downtime(await ReasonTicksAsync(db, machineIds, plan, ct)).SelectMany(g => g.Select(d => (g.Key, d))).ToList();

    /// <summary>Closed breakdown ticks and episodes per machine and stored reason in planned time.</summary>
    public static async Task<List<ReasonTicks>> ReasonTicksAsync(AppDbContext db, List<Guid> machineIds, BucketPlan plan, CancellationToken ct)
    {
        if (plan.IsEmpty) return [];
        return await Planned(db.MachineDowntimeBuckets.AsNoTracking(), machineIds, plan)
            .Where(b => b.BreakdownTicks != 0 || b.BreakdownEpisodes != 0)
            .GroupBy(b => new { b.MachineId, b.Reason })
            .Select(g => new ReasonTicks(g.Key.MachineId, g.Key.Reason, g.Sum(b => b.BreakdownTicks), g.Sum(b => b.BreakdownEpisodes)))
            .ToListAsync(ct);
    }

    /// <summary>Per machine and reason, the summed ticks (exact: from buckets and roll-ups alike) as seconds.</summary>
    public static ILookup<Guid, ReasonDowntime> Downtime(IEnumerable<ReasonTicks> rows) => rows
        .GroupBy(r => (r.MachineId, r.Reason))
        .ToLookup(g => g.Key.MachineId,
            g => new ReasonDowntime(ReasonOf(g.Key.Reason), (double)g.Sum(r => r.Ticks) / TimeSpan.TicksPerSecond, g.Sum(r => r.Episodes)));

    /// <summary>
    /// Closed breakdown time and episodes per machine, step and stored reason (<see cref="MachineDowntimeBucket.NoReason"/>
    /// for none), summed while the rows stream in (<paramref name="stepOf"/> as in <see cref="StepSumsAsync"/>).
    /// </summary>
    public static async Task<Dictionary<(Guid MachineId, int Step, string Reason), (long Ticks, long Episodes)>> StepDowntimeAsync(
        AppDbContext db, List<Guid> machineIds, BucketPlan plan, Func<DateTimeOffset, int> stepOf, CancellationToken ct)
    {
        var sums = new Dictionary<(Guid, int, string), (long Ticks, long Episodes)>();
        if (plan.IsEmpty) return sums;
        var rows = Planned(db.MachineDowntimeBuckets.AsNoTracking(), machineIds, plan)
            .Where(b => b.BreakdownTicks != 0 || b.BreakdownEpisodes != 0)
            .Select(b => new { b.MachineId, b.Start, b.Reason, b.BreakdownTicks, b.BreakdownEpisodes });
        await foreach (var b in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (b.MachineId, stepOf(b.Start), b.Reason);
            var (ticks, episodes) = sums.GetValueOrDefault(key);
            sums[key] = (ticks + b.BreakdownTicks, episodes + b.BreakdownEpisodes);
        }
        return sums;
    }

    /// <summary>Closed breakdowns going on at the given minutes (<see cref="BucketKpis.CarryCheckMinutes"/>).</summary>
    public static async Task<List<(Guid MachineId, CarriedBreakdown Breakdown)>> CarriedAsync(
        AppDbContext db, List<Guid> machineIds, List<DateTimeOffset> minutes, CancellationToken ct)
    {
        if (minutes.Count == 0) return [];
        var rows = await db.MachineDowntimeBuckets.AsNoTracking()
            .Where(b => machineIds.Contains(b.MachineId) && b.Size == BucketSize.Minute && minutes.Contains(b.Start) && b.CarriedBreakdowns > 0)
            .Select(b => new { b.MachineId, b.Start, b.Reason, b.CarriedBreakdowns, b.CarriedBreakdownStartTicks })
            .ToListAsync(ct);
        return rows.Select(r => (r.MachineId, new CarriedBreakdown(
            r.Start, new DateTimeOffset(r.CarriedBreakdownStartTicks / r.CarriedBreakdowns, TimeSpan.Zero), ReasonOf(r.Reason)))).ToList();
    }

    /// <summary>
    /// Counts and time sums per machine and step (<paramref name="stepOf"/>: the step a bucket start lies in, or -1),
    /// summed while the rows stream in: a plan made by <see cref="BucketPlan.ForSteps"/> has no bucket crossing a step.
    /// </summary>
    public static async Task<Dictionary<(Guid MachineId, int Step), BucketTotals>> StepSumsAsync(
        AppDbContext db, List<Guid> machineIds, BucketPlan plan, Func<DateTimeOffset, int> stepOf, CancellationToken ct)
    {
        var sums = new Dictionary<(Guid, int), BucketTotals>();
        if (plan.IsEmpty) return sums;
        var rows = Planned(db.MachineBuckets.AsNoTracking(), machineIds, plan).Select(b => new
        {
            b.MachineId, b.Start, b.GoodCount, b.ScrapCount, b.IdealSecondsTotal, b.IdealSecondsGood, b.EnergyKwh,
            b.RunTicks, b.PlannedStopTicks, b.BreakdownTicks, b.SmallStopTicks, b.SetupTicks, b.IdleLossTicks,
            b.OfflineLossTicks, b.NoDataLossTicks, b.BreakdownEpisodes,
        });
        await foreach (var b in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (b.MachineId, stepOf(b.Start));
            var total = sums.GetValueOrDefault(key) ?? BucketTotals.Zero;
            sums[key] = total + new BucketTotals(
                new CountSums(b.GoodCount, b.ScrapCount, b.IdealSecondsTotal, b.IdealSecondsGood, b.EnergyKwh),
                new MachineBucketSums(b.RunTicks, b.PlannedStopTicks, b.BreakdownTicks, b.SmallStopTicks, b.SetupTicks,
                    b.IdleLossTicks, b.OfflineLossTicks, b.NoDataLossTicks, b.BreakdownEpisodes));
        }
        return sums;
    }

    /// <summary>Runs of consecutive starts read as one index range each, when a size has at most this many (else a probe per start).</summary>
    private const int MaxRanges = 8;

    /// <summary>
    /// The plan's buckets of the machines, per size: when its starts form at most <see cref="MaxRanges"/> runs of
    /// consecutive buckets (today's minutes and hours, a shift's), one index range per machine and run; otherwise one
    /// index probe per machine and bucket start (a year's planned hours are hundreds of runs).
    /// </summary>
    private static IQueryable<T> Planned<T>(IQueryable<T> table, List<Guid> machineIds, BucketPlan plan) where T : IMachineBucket
    {
        var ofMachines = table.Where(b => machineIds.Contains(b.MachineId));
        IQueryable<T>? planned = null;
        foreach (var size in BucketSizes.All)
        {
            var runs = plan.Runs(size);
            if (runs.Count == 0) continue;
            var starts = runs.Count <= MaxRanges ? null : plan.Starts(size).ToList();
            var parts = starts is null
                ? runs.Select(run => ofMachines.Where(b => b.Size == size && b.Start >= run.First && b.Start <= run.Last))
                : [ofMachines.Where(b => b.Size == size && starts.Contains(b.Start))];
            foreach (var part in parts) planned = planned is null ? part : planned.Concat(part);
        }
        return planned ?? ofMachines.Where(_ => false);
    }

    internal static string? ReasonOf(string reason) => reason == MachineDowntimeBucket.NoReason ? null : reason;
}

/// <summary>Counts and exact time sums of a set of buckets.</summary>
public sealed record BucketTotals(CountSums Counts, MachineBucketSums Time)
{
    public static BucketTotals Zero { get; } = new(CountSums.Zero, default);

    public static BucketTotals operator +(BucketTotals a, BucketTotals b) => new(a.Counts + b.Counts, a.Time + b.Time);
}

/// <summary>Counts, ideal time and energy summed from buckets.</summary>
public sealed record CountSums(long Good, long Scrap, double IdealTotal, double IdealGood, double Energy)
{
    public static CountSums Zero { get; } = new(0, 0, 0, 0, 0);

    public static CountSums operator +(CountSums a, CountSums b) =>
        new(a.Good + b.Good, a.Scrap + b.Scrap, a.IdealTotal + b.IdealTotal, a.IdealGood + b.IdealGood, a.Energy + b.Energy);
}

using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>
/// What KPI queries need for a set of machines over a window, loaded in a fixed number of queries whatever the
/// number of machines (per site: one bucket query), then evaluated in memory by the pure engine:
/// <list type="bullet">
/// <item>Time (run, losses, small stops, no data, breakdown episodes) from the buckets' exact sums plus each machine's
/// open episode (<see cref="BucketKpis"/>) when the whole window is evaluated (not split into trend steps), it starts
/// on a whole minute and the machine's loss sums were written with the tenant's current loss settings. Otherwise
/// from each machine's state-change timeline by <see cref="KpiCalculator"/>. Both give the same figures: the site's
/// shift calendar, the tenant's loss rules and small-stop threshold apply exactly, to the second.</item>
/// <item>Counts, ideal time and energy from the minute and hour buckets that cover planned time
/// (<see cref="BucketPlan"/>): counts outside the shift calendar do not enter OEE.</item>
/// <item>Only the part of the window up to now is evaluated; the last state holds until now.</item>
/// </list>
/// </summary>
public sealed class KpiData
{
    private readonly Dictionary<Guid, MachineSource> _machines;
    private readonly Dictionary<Guid, KpiTotals> _wholeWindow = [];

    private KpiData(TimeWindow evaluated, DateTimeOffset now, LossSettings settings, Dictionary<Guid, MachineSource> machines)
    {
        Evaluated = evaluated;
        Now = now;
        Settings = settings;
        _machines = machines;
    }

    /// <summary>The window actually evaluated: the requested one cut at now.</summary>
    public TimeWindow Evaluated { get; }

    public DateTimeOffset Now { get; }

    public LossSettings Settings { get; }

    public IEnumerable<Guid> MachineIds => _machines.Keys;

    /// <summary>How many machines were evaluated from bucket sums rather than from their state changes.</summary>
    public int FromBucketSums => _machines.Values.Count(m => m.Buckets is not null);

    /// <summary>The machine's latest state change at or before now (its current state), if any.</summary>
    public StateChange? CurrentState(Guid machineId) => _machines.TryGetValue(machineId, out var m) ? m.Current : null;

    /// <summary>The machine's planned production windows inside the evaluated window (its site's calendar).</summary>
    public IReadOnlyList<TimeWindow> PlannedWindows(Guid machineId) => _machines[machineId].Planned;

    /// <summary>One machine's totals over <paramref name="part"/> (the evaluated window by default).</summary>
    public KpiTotals Totals(Guid machineId, TimeWindow? part = null)
    {
        // Lines and the overview ask for the same machine's whole window more than once.
        if (part is null && _wholeWindow.TryGetValue(machineId, out var cached)) return cached;
        var totals = Compute(machineId, part);
        if (part is null) _wholeWindow[machineId] = totals;
        return totals;
    }

    private KpiTotals Compute(Guid machineId, TimeWindow? part)
    {
        var machine = _machines[machineId];
        var time = machine.Buckets is { } buckets
            ? BucketKpis.Totals(Evaluated, machine.Planned, buckets.Sums, buckets.Carried, buckets.Open, Settings, Now)
            : KpiCalculator.ForMachine(part ?? Evaluated, machine.Timeline(part), Settings, Now);
        var counts = CountSums.Zero;
        foreach (var row in machine.Counts)
        {
            if (part is null || part.Value.Contains(row.Start)) counts += row.Counts;
        }
        return time with
        {
            GoodCount = counts.Good,
            ScrapCount = counts.Scrap,
            IdealSecondsTotal = counts.IdealTotal,
            IdealSecondsGood = counts.IdealGood,
            EnergyKwh = counts.Energy,
        };
    }

    /// <summary>The summed totals of <paramref name="machineIds"/> (never an average of their ratios).</summary>
    public KpiTotals Totals(IEnumerable<Guid> machineIds, TimeWindow? part = null) =>
        KpiTotals.Sum(machineIds.Select(id => Totals(id, part)));

    /// <summary>Planned breakdown time per reason, for the Pareto.</summary>
    public IReadOnlyList<ReasonDowntime> Downtime(IEnumerable<Guid> machineIds, TimeWindow? part = null) =>
        machineIds.SelectMany(id => _machines[id] is { Buckets: { } buckets } machine
            ? BucketKpis.Downtime(Evaluated, machine.Planned, buckets.Downtime ?? throw new InvalidOperationException("Load with downtime."),
                buckets.Carried, buckets.Open, Settings, Now)
            : KpiCalculator.DowntimeByReason(part ?? Evaluated, _machines[id].Timeline(part), Settings, Now)).ToList();

    /// <summary>One machine's state intervals (gaps as "no data") over <paramref name="part"/>, for the timeline band.</summary>
    public IReadOnlyList<StateInterval> Intervals(Guid machineId, TimeWindow? part = null) =>
        StateTimeline.Build(part ?? Evaluated, _machines[machineId].Timeline(part).States, Now).Intervals;

    /// <summary>
    /// Loads <paramref name="machineIds"/> (already checked to be the tenant's: every query is tenant-filtered anyway).
    /// <paramref name="perBucket"/> keeps counts per bucket start so <see cref="Totals(Guid, TimeWindow?)"/> can split
    /// the window (trends) and reads the state timeline; otherwise sums come from the database per machine.
    /// <paramref name="currentStates"/> also reads each machine's state now (the overview's tiles);
    /// <paramref name="downtime"/> the breakdowns per reason (<see cref="Downtime"/>).
    /// </summary>
    public static async Task<KpiData> LoadAsync(
        AppDbContext db, IReadOnlyCollection<Guid> machineIds, TimeWindow window, DateTimeOffset now, bool perBucket, CancellationToken ct,
        bool currentStates = false, bool downtime = false)
    {
        var evaluated = new TimeWindow(window.Start, now < window.End ? (now > window.Start ? now : window.Start) : window.End);
        var ids = machineIds.ToList();
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var settingsRow = await db.KpiSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var settings = settingsRow?.ToLossSettings() ?? LossSettings.Default;

        var machines = await (
            from m in db.Machines.AsNoTracking()
            where ids.Contains(m.Id)
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            select new { Machine = m, a.SiteId }).ToListAsync(ct);
        var siteIds = machines.Select(m => m.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var latest = await StateChangeRows.LatestAsync(db, ids, now, ct);
        var lossSumsKey = settings.LossSumsKey();
        var fromBuckets = !perBucket && IsWholeMinute(evaluated.Start) && (evaluated.End == now || IsWholeMinute(evaluated.End))
            ? machines.Where(m => m.Machine.LossSumsKey == lossSumsKey && HasConsistentOpenRun(m.Machine, latest.GetValueOrDefault(m.Machine.Id)))
                .Select(m => m.Machine.Id).ToHashSet()
            : [];
        var timelineIds = ids.Where(id => !fromBuckets.Contains(id)).ToList();
        var changes = timelineIds.Count == 0 ? null
            : (await StateChangeRows.InWindowAsync(db, timelineIds, evaluated, now, ct)).ToLookup(c => c.MachineId);

        var sources = new Dictionary<Guid, MachineSource>();
        foreach (var site in machines.GroupBy(m => m.SiteId))
        {
            var siteRow = sites[site.Key];
            var calendar = new WeeklyShiftCalendar(siteRow.Shifts, WeeklyShiftCalendar.ZoneOf(siteRow.TimeZone)).For(evaluated);
            var planned = calendar?.PlannedWithin(evaluated) ?? [evaluated];
            var plan = BucketPlan.For(planned);
            var siteMachineIds = site.Select(m => m.Machine.Id).ToList();
            var sums = (await KpiBucketRows.SumsAsync(db, siteMachineIds, evaluated, plan, perBucket, ct)).ToLookup(r => r.MachineId);
            var bucketIds = siteMachineIds.Where(fromBuckets.Contains).ToList();
            var carried = bucketIds.Count == 0 ? null
                : (await KpiBucketRows.CarriedAsync(db, bucketIds, BucketKpis.CarryCheckMinutes(evaluated, planned).ToList(), ct))
                .ToLookup(r => r.MachineId, r => r.Breakdown);
            var reasons = bucketIds.Count == 0 || !downtime ? null
                : (await KpiBucketRows.DowntimeAsync(db, bucketIds, plan, ct)).ToLookup(r => r.MachineId, r => r.Downtime);
            foreach (var m in site.Select(x => x.Machine))
            {
                var current = latest.GetValueOrDefault(m.Id) is { } c ? new StateChange(c.At, c.State, c.Reason) : null;
                var bucketSource = carried is null || !fromBuckets.Contains(m.Id) ? null : new BucketSource(
                    sums[m.Id].Select(r => r.Time).SingleOrDefault(), carried[m.Id].ToList(),
                    current is null ? null : new OpenRun(m.OpenRunStart!.Value, current), reasons?[m.Id].ToList());
                var inputs = changes is null || bucketSource is not null ? null : new MachineKpiInputs(
                    changes[m.Id].Select(c => new StateChange(c.At, c.State, c.Reason)).ToList(), [],
                    new IdealCycleTimes(TimeSpan.FromSeconds(m.IdealCycleTimeSeconds)), calendar);
                sources[m.Id] = new MachineSource(planned, inputs, bucketSource, sums[m.Id].ToList(), currentStates ? current : null);
            }
        }
        return new KpiData(evaluated, now, settings, sources);
    }

    private static bool IsWholeMinute(DateTimeOffset instant) => instant == BucketSize.Minute.StartOf(instant);

    /// <summary>
    /// The machine's open run must end in its latest change before now: a change stamped after now, or a commit between
    /// the two reads, leaves it to the timeline.
    /// </summary>
    private static bool HasConsistentOpenRun(Machine machine, StateChangeRows.Row? latest) =>
        latest is null ? machine.OpenRunStart is null : machine.OpenRunStart is { } start && start <= latest.At;

    private sealed record BucketSource(
        MachineBucketSums Sums, IReadOnlyList<CarriedBreakdown> Carried, OpenRun? Open, IReadOnlyList<ReasonDowntime>? Downtime);

    private sealed record MachineSource(
        IReadOnlyList<TimeWindow> Planned, MachineKpiInputs? Inputs, BucketSource? Buckets, IReadOnlyList<KpiBucketRows.Sums> Counts, StateChange? Current)
    {
        public MachineKpiInputs Timeline(TimeWindow? part) =>
            Inputs ?? throw new InvalidOperationException($"Evaluated from bucket sums: {part} needs a load with perBucket.");
    }
}

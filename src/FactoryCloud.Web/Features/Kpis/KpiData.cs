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
/// <item>Time (run, losses, small stops, no data, breakdown episodes) from each machine's state-change timeline (one
/// row per change, not raw events) by <see cref="KpiCalculator"/>: the site's shift calendar, the tenant's loss rules
/// and small-stop threshold apply exactly, to the second.</item>
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

    /// <summary>The machine's latest state change at or before now (its current state), if any.</summary>
    public StateChange? CurrentState(Guid machineId) => _machines.TryGetValue(machineId, out var m) ? m.Current : null;

    /// <summary>The machine's planned production windows inside the evaluated window (its site's calendar).</summary>
    public IReadOnlyList<TimeWindow> PlannedWindows(Guid machineId) =>
        _machines[machineId].Inputs.Calendar?.PlannedWithin(Evaluated) ?? [Evaluated];

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
        var window = part ?? Evaluated;
        var time = KpiCalculator.ForMachine(window, machine.Inputs, Settings, Now);
        var counts = CountSums.Zero;
        foreach (var row in machine.Counts)
        {
            if (part is null || window.Contains(row.Start)) counts += row;
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
        machineIds.SelectMany(id => KpiCalculator.DowntimeByReason(part ?? Evaluated, _machines[id].Inputs, Settings, Now)).ToList();

    /// <summary>One machine's state intervals (gaps as "no data") over <paramref name="part"/>, for the timeline band.</summary>
    public IReadOnlyList<StateInterval> Intervals(Guid machineId, TimeWindow? part = null) =>
        StateTimeline.Build(part ?? Evaluated, _machines[machineId].Inputs.States, Now).Intervals;

    /// <summary>
    /// Loads <paramref name="machineIds"/> (already checked to be the tenant's: every query is tenant-filtered anyway).
    /// <paramref name="perBucket"/> keeps counts per bucket start so <see cref="Totals(Guid, TimeWindow?)"/> can split
    /// the window (trends); otherwise counts are summed per machine in the database. <paramref name="currentStates"/>
    /// also reads each machine's state now (the overview's tiles).
    /// </summary>
    public static async Task<KpiData> LoadAsync(
        AppDbContext db, IReadOnlyCollection<Guid> machineIds, TimeWindow window, DateTimeOffset now, bool perBucket, CancellationToken ct,
        bool currentStates = false)
    {
        var evaluated = new TimeWindow(window.Start, now < window.End ? (now > window.Start ? now : window.Start) : window.End);
        var ids = machineIds.ToList();
        var settingsRow = await db.KpiSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var settings = settingsRow?.ToLossSettings() ?? LossSettings.Default;

        var machines = await (
            from m in db.Machines.AsNoTracking()
            where ids.Contains(m.Id)
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            join s in db.Sites on a.SiteId equals s.Id
            select new { Machine = m, Site = s }).ToListAsync(ct);

        var rows = await StateChangeRows.InWindowAsync(db, ids, evaluated, now, ct);
        var changes = rows.ToLookup(c => c.MachineId);
        // A window reaching now already holds each machine's latest change (in it, or the last one before it).
        var current = !currentStates ? []
            : evaluated.End >= now ? rows.Where(r => r.At < now).GroupBy(r => r.MachineId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.At)!)
            : await StateChangeRows.LatestAsync(db, ids, now, ct);

        var sources = new Dictionary<Guid, MachineSource>();
        foreach (var site in machines.GroupBy(m => m.Site.Id))
        {
            var siteRow = site.First().Site;
            var calendar = new WeeklyShiftCalendar(siteRow.Shifts, WeeklyShiftCalendar.ZoneOf(siteRow.TimeZone)).For(evaluated);
            var plan = BucketPlan.For(calendar?.PlannedWithin(evaluated) ?? [evaluated]);
            var siteMachineIds = site.Select(m => m.Machine.Id).ToList();
            var counts = (await CountRowsAsync(db, siteMachineIds, evaluated, plan, perBucket, ct)).ToLookup(r => r.MachineId);
            foreach (var m in site.Select(x => x.Machine))
            {
                var inputs = new MachineKpiInputs(
                    changes[m.Id].Select(c => new StateChange(c.At, c.State, c.Reason)).ToList(), [],
                    new IdealCycleTimes(TimeSpan.FromSeconds(m.IdealCycleTimeSeconds)), calendar);
                sources[m.Id] = new MachineSource(inputs, counts[m.Id].Select(r => r.Sums with { Start = r.Start }).ToList(),
                    current.GetValueOrDefault(m.Id) is { } c ? new StateChange(c.At, c.State, c.Reason) : null);
            }
        }
        return new KpiData(evaluated, now, settings, sources);
    }

    private static async Task<List<CountRow>> CountRowsAsync(
        AppDbContext db, List<Guid> machineIds, TimeWindow evaluated, BucketPlan plan, bool perBucket, CancellationToken ct)
    {
        if (plan.HourStarts.Count == 0 && plan.MinuteStarts.Count == 0) return [];
        var hours = plan.HourStarts.ToList();
        var minutes = plan.MinuteStarts.ToList();
        // Two index probes per machine and bucket start (MachineId, Size, Start), not a range scan filtered by a list:
        // PostgreSQL checks "= ANY(array)" row by row when it scans a range.
        var ofMachines = db.MachineBuckets.AsNoTracking().Where(b => machineIds.Contains(b.MachineId));
        var buckets = ofMachines.Where(b => b.Size == BucketSize.Hour && hours.Contains(b.Start))
            .Concat(ofMachines.Where(b => b.Size == BucketSize.Minute && minutes.Contains(b.Start)));
        if (perBucket)
        {
            return await buckets.GroupBy(b => new { b.MachineId, b.Start })
                .Select(g => new CountRow(g.Key.MachineId, g.Key.Start, new CountSums(
                    g.Sum(b => b.GoodCount), g.Sum(b => b.ScrapCount), g.Sum(b => b.IdealSecondsTotal), g.Sum(b => b.IdealSecondsGood), g.Sum(b => b.EnergyKwh))))
                .ToListAsync(ct);
        }
        return await buckets.GroupBy(b => b.MachineId)
            .Select(g => new CountRow(g.Key, evaluated.Start, new CountSums(
                g.Sum(b => b.GoodCount), g.Sum(b => b.ScrapCount), g.Sum(b => b.IdealSecondsTotal), g.Sum(b => b.IdealSecondsGood), g.Sum(b => b.EnergyKwh))))
            .ToListAsync(ct);
    }

    private sealed record MachineSource(MachineKpiInputs Inputs, IReadOnlyList<CountSums> Counts, StateChange? Current);

    private sealed record CountRow(Guid MachineId, DateTimeOffset Start, CountSums Sums);

    private sealed record CountSums(long Good, long Scrap, double IdealTotal, double IdealGood, double Energy)
    {
        public static CountSums Zero { get; } = new(0, 0, 0, 0, 0);

        public DateTimeOffset Start { get; init; }

        public static CountSums operator +(CountSums a, CountSums b) =>
            new(a.Good + b.Good, a.Scrap + b.Scrap, a.IdealTotal + b.IdealTotal, a.IdealGood + b.IdealGood, a.Energy + b.Energy);
    }
}

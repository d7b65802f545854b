using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Infrastructure.Telemetry.Queries;

/// <summary>
/// What KPI queries need for a set of machines over a window, loaded in a fixed number of queries whatever the
/// number of machines (per site: one bucket query), then evaluated in memory by the pure engine:
/// <list type="bullet">
/// <item>Time (run, losses, small stops, no data, breakdown episodes) from the buckets' exact sums plus each machine's
/// open episode (<see cref="BucketKpis"/>) when the window (or each trend step: <c>steps</c>) starts on a whole
/// minute, it is not split per bucket (<c>perBucket</c>), and the machine's loss sums were written with the tenant's
/// current loss settings. Otherwise
/// from each machine's state-change timeline by <see cref="KpiCalculator"/>. Both give the same figures: the site's
/// shift calendar, the tenant's loss rules and small-stop threshold apply exactly, to the second.</item>
/// <item>Counts, ideal time and energy from the buckets that cover planned time
/// (<see cref="BucketPlan"/>): counts outside the shift calendar do not enter OEE.</item>
/// <item>Only the part of the window up to now is evaluated; the last state holds until now.</item>
/// </list>
/// </summary>
public sealed class KpiData
{
    private readonly Dictionary<Guid, MachineSource> _machines;
    private readonly Dictionary<Guid, KpiTotals> _wholeWindow = [];
    private readonly Dictionary<(IReadOnlyList<TimeWindow> Planned, TimeWindow Part), IReadOnlyList<TimeWindow>> _plannedWithin = [];
    private readonly bool _stepped;

    private KpiData(TimeWindow evaluated, DateTimeOffset now, LossSettings settings, Dictionary<Guid, MachineSource> machines, bool stepped,
        bool includeTimeBeforeFirstData)
    {
        IncludeTimeBeforeFirstData = includeTimeBeforeFirstData;
        _stepped = stepped;
        Evaluated = evaluated;
        Now = now;
        Settings = settings;
        _machines = machines;
    }

    /// <summary>The window actually evaluated: the requested one cut at now.</summary>
    public TimeWindow Evaluated { get; }

    public DateTimeOffset Now { get; }

    public LossSettings Settings { get; }

    /// <summary>The tenant's choice to count planned time before a machine's first data as no data (off by default: <see cref="TimeBeforeFirstData"/>).</summary>
    public bool IncludeTimeBeforeFirstData { get; }

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
        var rows = machine.Counts.Where(row => part is null || part.Value.Contains(row.Start)).ToList();
        KpiTotals time;
        if (machine.Buckets is { } buckets)
        {
            // Split into steps, a part is read from the buckets of its step; otherwise only the whole window is.
            var window = _stepped && part is { } p ? Clip(p) : Evaluated;
            var planned = _stepped && part is { } q ? PlannedWithin(machine, q) : machine.Planned;
            var sums = _stepped ? rows.Aggregate(default(MachineBucketSums), (sum, row) => sum + row.Time) : buckets.Sums;
            // Roll-ups count breakdowns carried into every planned start of their days; a window or step counts the
            // one into its first planned start only when it began inside it.
            var episodes = part is null ? buckets.WindowEpisodes
                : buckets.StepEpisodes?.GetValueOrDefault((machineId, part.Value.Start)) ?? 0;
            if (episodes != 0) sums = sums with { BreakdownEpisodes = sums.BreakdownEpisodes + episodes };
            time = BucketKpis.Totals(window, planned, sums, buckets.Carried, buckets.Open, Settings, Now);
        }
        else
        {
            time = KpiCalculator.ForMachine(part ?? Evaluated, machine.Timeline(part), Settings, Now);
        }
        if (!IncludeTimeBeforeFirstData)
        {
            var planned = part is { } p ? PlannedWithin(machine, p) : machine.Planned;
            time = TimeBeforeFirstData.Exclude(time, planned, machine.FirstDataAt);
        }
        var counts = rows.Aggregate(CountSums.Zero, (sum, row) => sum + row.Counts);
        return time with
        {
            GoodCount = counts.Good,
            ScrapCount = counts.Scrap,
            IdealSecondsTotal = counts.IdealTotal,
            IdealSecondsGood = counts.IdealGood,
            EnergyKwh = counts.Energy,
            // Counted outside planned time: read for the whole window only (not per step or bucket).
            UnplannedCount = part is null && machine.Unplanned is { } outside ? outside.Good + outside.Scrap : 0,
        };
    }

    /// <summary>The machine's planned windows inside <paramref name="part"/>: a site's machines share one list, so a trend step's is cut once.</summary>
    private IReadOnlyList<TimeWindow> PlannedWithin(MachineSource machine, TimeWindow part)
    {
        if (_plannedWithin.TryGetValue((machine.Planned, part), out var within)) return within;
        return _plannedWithin[(machine.Planned, part)] = ShiftCalendar.Within(machine.Planned, part);
    }

    /// <summary>The part of <paramref name="part"/> inside the evaluated window (empty at its start when none is).</summary>
    private TimeWindow Clip(TimeWindow part) =>
        part.Intersect(Evaluated) ?? new TimeWindow(Evaluated.Start, Evaluated.Start);

    /// <summary>The summed totals of <paramref name="machineIds"/> (never an average of their ratios).</summary>
    public KpiTotals Totals(IEnumerable<Guid> machineIds, TimeWindow? part = null) =>
        KpiTotals.Sum(machineIds.Select(id => Totals(id, part)));

    /// <summary>Planned breakdown time per reason, for the Pareto.</summary>
    public IReadOnlyList<ReasonDowntime> Downtime(IEnumerable<Guid> machineIds, TimeWindow? part = null) =>
        machineIds.SelectMany(id => _machines[id] is { Buckets: { } buckets } machine
            ? BucketKpis.Downtime(Evaluated, machine.Planned, buckets.Downtime ?? throw new InvalidOperationException("Load with downtime."),
                buckets.Carried, buckets.Open, Settings, Now)
            : KpiCalculator.DowntimeByReason(part ?? Evaluated, _machines[id].Timeline(part), Settings, Now)).ToList();

    /// <summary>
    /// Loads <paramref name="machineIds"/> (already checked to be the tenant's: every query is tenant-filtered anyway).
    /// <paramref name="perBucket"/> keeps counts per bucket start so <see cref="Totals(Guid, TimeWindow?)"/> can split
    /// the window (trends) and reads the state timeline; otherwise sums come from the database per machine.
    /// <paramref name="currentStates"/> also reads each machine's state now (the overview's tiles);
    /// <paramref name="downtime"/> the breakdowns per reason (<see cref="Downtime"/>). <paramref name="steps"/> splits the
    /// evaluated window into steps (trends) read from the buckets of each step: <see cref="Totals(Guid, TimeWindow?)"/>
    /// of a step, or of the whole window, then comes from bucket sums like an unsplit load (the steps must cover it).
    /// <paramref name="useRollUps"/> false composes every planned part from buckets, writing and reading no roll-up
    /// (what the roll-ups are checked against, without taking SQLite's write lock as deleting them would).
    /// </summary>
    public static async Task<KpiData> LoadAsync(
        AppDbContext db, IReadOnlyCollection<Guid> machineIds, TimeWindow window, DateTimeOffset now, bool perBucket, CancellationToken ct,
        bool currentStates = false, bool downtime = false, Func<TimeWindow, IReadOnlyList<TimeWindow>>? steps = null, bool useRollUps = true)
    {
        if (perBucket && steps is not null) throw new ArgumentException("Steps are read from buckets, not from the state timeline.", nameof(steps));
        var evaluated = new TimeWindow(window.Start, now < window.End ? (now > window.Start ? now : window.Start) : window.End);
        var stepWindows = steps?.Invoke(evaluated);
        var ids = machineIds.ToList();
        // Planned-time roll-ups (and their downtime per reason, for the Pareto) serve the whole past days of whole-window loads.
        var rollUps = useRollUps && !perBucket && stepWindows is null && IsWholeMinute(evaluated.Start);
        // Trend steps: the whole past UTC days whose planned part lies inside one step (per site, below): every day of a
        // weekly step, and the day of a local-day step when no shift crosses the UTC midnight.
        var stepDays = useRollUps && !perBucket && stepWindows is not null && IsWholeMinute(evaluated.Start) ? PlannedDays.Days(evaluated, now) : [];
        if ((rollUps || stepDays.Count > 0) && db.Database.CurrentTransaction is null)
            await EnsurePlannedDaysAsync(db, ids, evaluated, rollUps ? PlannedDays.Days(evaluated, now) : stepDays, ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var (settings, includeBeforeFirstData) = await TenantKpiSettings.ReadAsync(db, ct);

        var machines = await (
            from m in db.Machines.AsNoTracking()
            where ids.Contains(m.Id)
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            select new { Machine = m, a.SiteId }).ToListAsync(ct);
        var siteIds = machines.Select(m => m.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var latest = await StateChangeRows.LatestAsync(db, ids, now, ct);
        // A machine's data starts at its first message or its first state, whichever is earlier (a device may send
        // states stamped before they arrive); read only when time before it is left out of planned time.
        var firstStates = includeBeforeFirstData ? new Dictionary<Guid, DateTimeOffset>() : await StateChangeRows.FirstEverAsync(db, ids, ct);
        var lossSumsKey = settings.LossSumsKey();
        var fromBuckets = !perBucket && IsWholeMinute(evaluated.Start) && (evaluated.End == now || IsWholeMinute(evaluated.End))
            ? machines.Where(m => m.Machine.LossSumsKey == lossSumsKey && MachineStateTimeline.IsOpenRunOf(m.Machine.OpenRunStart, latest.GetValueOrDefault(m.Machine.Id)?.At))
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
            var siteMachineIds = site.Select(m => m.Machine.Id).ToList();
            // Whole past days from their planned-time roll-ups when every machine of the site has them all (a late
            // write may have deleted one since they were ensured: then the site is composed from buckets as before).
            var rolledDays = rollUps && calendar is not null ? PlannedDays.Days(evaluated, now) : [];
            var rollUpKey = PlannedDays.KeyOf(siteRow, lossSumsKey);
            var rolled = rolledDays.Count == 0 ? null : await PlannedDays.ReadAsync(db, siteMachineIds, rollUpKey, rolledDays, ct);
            if (rolled is not null && !siteMachineIds.All(id => rolled.TryGetValue(id, out var r) && r.Days == rolledDays.Count)) rolled = null;
            Dictionary<Guid, long>? firstCarried = null;
            if (rolled is not null && planned.Count > 0 && rolledDays.Contains(BucketSize.Day.StartOf(planned[0].Start))
                && (planned[0].Start > evaluated.Start || PlannedStartsAt(siteRow, evaluated.Start)))
            {
                // The window's first planned start: a breakdown carried into it counts only when it began inside the
                // window (never when the window starts with that planned start, at a UTC midnight: it began before).
                var first = await PlannedDays.FirstCarriedAsync(db, siteMachineIds, rollUpKey, BucketSize.Day.StartOf(planned[0].Start), evaluated.Start, ct);
                if (first is null) rolled = null;
                else
                {
                    firstCarried = first;
                    foreach (var (id, add) in first)
                    {
                        var r = rolled[id];
                        rolled[id] = r with { Totals = r.Totals with { Time = r.Totals.Time with { BreakdownEpisodes = r.Totals.Time.BreakdownEpisodes + add } } };
                    }
                }
            }
            var (siteStepDays, sharedDays) = calendar is null || stepDays.Count == 0 ? (null, []) : PlannedDays.ByStep(stepDays, planned, stepWindows!);
            var stepped = siteStepDays is null || siteStepDays.Count == 0 ? null
                : await SteppedRollUpsAsync(db, siteRow, siteMachineIds, rollUpKey, siteStepDays, stepDays, sharedDays, stepWindows!, evaluated, planned, ct);
            var rolledWindows = rolled is null ? stepped?.Windows ?? [] : PlannedDays.Windows(rolledDays);
            var composed = rolled is null && stepped is null ? planned : PlannedDays.Subtract(planned, rolledWindows);
            var plan = stepWindows is null ? BucketPlan.For(composed) : StepPlan(planned, stepWindows);
            // The buckets of what the roll-ups do not serve (all of the plan when none do).
            var composedPlan = stepWindows is null || stepped is null ? plan : BucketPlan.ForSteps(composed, stepWindows);
            var sums = (stepWindows is null
                ? await KpiBucketRows.SumsAsync(db, siteMachineIds, evaluated, plan, perBucket, ct)
                : await StepSumsAsync(db, siteMachineIds, composedPlan, stepWindows, ct))
                .Concat(rolled?.Select(r => new KpiBucketRows.Sums(r.Key, evaluated.Start, r.Value.Totals.Counts, r.Value.Totals.Time)) ?? [])
                .Concat(stepped?.Rows ?? [])
                .ToLookup(r => r.MachineId);
            var bucketIds = siteMachineIds.Where(fromBuckets.Contains).ToList();
            // Breakdowns carried into a planned window starting in a rolled-up day are counted in its roll-up, per
            // reason too (for the Pareto); the window's first planned start is read for the reason of its correction.
            var windowCorrection = firstCarried ?? stepped?.WindowEpisodes;
            var carryCheck = BucketKpis.CarryCheckMinutes(evaluated, planned)
                .Concat(stepWindows?.SelectMany(step => BucketKpis.CarryCheckMinutes(step, ShiftCalendar.Within(planned, step))) ?? [])
                .Where(minute => !rolledWindows.Any(w => w.Contains(minute)))
                .Concat(downtime && windowCorrection is not null && planned.Count > 0 ? [planned[0].Start] : [])
                .Distinct().ToList();
            var carried = bucketIds.Count == 0 ? null
                : (await KpiBucketRows.CarriedAsync(db, bucketIds, carryCheck, ct)).ToLookup(r => r.MachineId, r => r.Breakdown);
            var reasons = bucketIds.Count == 0 || !downtime ? null : KpiBucketRows.Downtime(
                (await KpiBucketRows.ReasonTicksAsync(db, bucketIds, composedPlan, ct))
                .Concat(rolled is null && stepped is null ? []
                    : rolled is not null ? await PlannedDays.ReadDowntimeAsync(db, bucketIds, rollUpKey, rolledDays[0], rolledDays[^1], [], ct)
                    : await SteppedDowntimeAsync(db, bucketIds, rollUpKey, siteStepDays!, sharedDays, stepped!.Weeks, ct)));
            var unplanned = perBucket || stepWindows is not null ? null : await UnplannedCountsAsync(db, siteMachineIds, evaluated, planned, rolledWindows, ct);
            if (rolled is not null && unplanned is not null)
            {
                foreach (var (id, r) in rolled)
                {
                    if (r.UnplannedCount != 0)
                        unplanned[id] = (unplanned.GetValueOrDefault(id) ?? CountSums.Zero) + new CountSums(r.UnplannedCount, 0, 0, 0, 0);
                }
            }
            foreach (var m in site.Select(x => x.Machine))
            {
                var current = latest.GetValueOrDefault(m.Id) is { } c ? new StateChange(c.At, c.State, c.Reason) : null;
                var allCarried = carried?[m.Id].ToList();
                var bucketSource = allCarried is null || !fromBuckets.Contains(m.Id) ? null : new BucketSource(
                    sums[m.Id].Aggregate(default(MachineBucketSums), (sum, row) => sum + row.Time),
                    rolledWindows.Count == 0 ? allCarried : allCarried.Where(c => !rolledWindows.Any(w => w.Contains(c.Minute))).ToList(),
                    current is null ? null : new OpenRun(m.OpenRunStart!.Value, current),
                    reasons?[m.Id].Concat(FirstCarriedCorrection(windowCorrection, m.Id, allCarried, planned)).ToList())
                {
                    WindowEpisodes = stepped?.WindowEpisodes.GetValueOrDefault(m.Id) ?? 0,
                    StepEpisodes = stepped?.StepEpisodes,
                };
                var inputs = changes is null || bucketSource is not null ? null : new MachineKpiInputs(
                    changes[m.Id].Select(c => new StateChange(c.At, c.State, c.Reason)).ToList(), [],
                    new IdealCycleTimes(TimeSpan.FromSeconds(m.IdealCycleTimeSeconds)), calendar);
                sources[m.Id] = new MachineSource(planned, inputs, bucketSource, sums[m.Id].ToList(), currentStates ? current : null)
                {
                    FirstDataAt = Earliest(m.FirstSeenAt, firstStates.TryGetValue(m.Id, out var firstState) ? firstState : null),
                    Unplanned = unplanned?.GetValueOrDefault(m.Id) ?? (unplanned is null ? null : CountSums.Zero),
                };
            }
        }
        return new KpiData(evaluated, now, settings, sources, stepWindows is not null, includeBeforeFirstData);
    }

    /// <summary>
    /// Counts in the evaluated window outside planned time (outside the shift calendar), per machine: they do not enter
    /// OEE, but a machine that produced on a Saturday must not look idle. One bucket read, only when such time exists.
    /// </summary>
    private static async Task<Dictionary<Guid, CountSums>> UnplannedCountsAsync(
        AppDbContext db, List<Guid> machineIds, TimeWindow evaluated, IReadOnlyList<TimeWindow> planned, IReadOnlyList<TimeWindow> rolled,
        CancellationToken ct)
    {
        var outside = PlannedDays.Subtract(Unplanned(evaluated, planned), rolled);
        if (outside.Count == 0) return new Dictionary<Guid, CountSums>();
        var rows = await KpiBucketRows.SumsAsync(db, machineIds, evaluated, BucketPlan.For(outside), perBucket: false, ct);
        return rows.ToDictionary(r => r.MachineId, r => r.Counts);
    }

    /// <summary>
    /// Materialises the planned-time roll-ups of the whole past days of <paramref name="evaluated"/> that sites with a
    /// shift calendar lack (<see cref="PlannedDays"/>): outside the read snapshot, in transactions of their own.
    /// </summary>
    private static async Task EnsurePlannedDaysAsync(AppDbContext db, List<Guid> ids, TimeWindow evaluated, IReadOnlyList<DateTimeOffset> days, CancellationToken ct)
    {
        if (days.Count == 0) return; // today, the current shift, alert windows: nothing to read
        var machines = await (
            from m in db.Machines.AsNoTracking()
            where ids.Contains(m.Id)
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            select new { m.Id, a.SiteId }).ToListAsync(ct);
        var siteIds = machines.Select(m => m.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToListAsync(ct);
        if (!sites.Any(s => s.Shifts.Any(p => p.Kind == ShiftWindowKind.Production))) return;
        var (settings, _) = await TenantKpiSettings.ReadAsync(db, ct);
        foreach (var site in sites)
        {
            var calendar = new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone));
            if (calendar.For(evaluated) is null) continue;
            await PlannedDays.EnsureAsync(db, machines.Where(m => m.SiteId == site.Id).Select(m => m.Id).ToList(), calendar,
                PlannedDays.KeyOf(site, settings.LossSumsKey()), days, ct);
        }
    }

    /// <summary>
    /// The Pareto's share of the window's first-carried correction (<paramref name="corrections"/>: what to add to the
    /// roll-ups' episodes for the breakdown carried into the window's first planned start): that episode under its
    /// reason, read from the carried breakdown at that minute.
    /// </summary>
    private static IEnumerable<ReasonDowntime> FirstCarriedCorrection(
        IReadOnlyDictionary<Guid, long>? corrections, Guid machineId, IReadOnlyList<CarriedBreakdown>? carried, IReadOnlyList<TimeWindow> planned)
    {
        var add = corrections?.GetValueOrDefault(machineId) ?? 0;
        // A correction exists only when the roll-up saw exactly one breakdown carried into that minute.
        if (add == 0 || planned.Count == 0 || carried?.FirstOrDefault(c => c.Minute == planned[0].Start) is not { } breakdown) yield break;
        yield return new ReasonDowntime(breakdown.Reason, 0, add);
    }

    /// <summary>Whether a planned window of <paramref name="site"/> starts at <paramref name="instant"/> after unplanned time (as the roll-ups see planned starts).</summary>
    private static bool PlannedStartsAt(Site site, DateTimeOffset instant) =>
        new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone)).For(new TimeWindow(instant.AddDays(-8), instant.AddDays(1)))
            ?.PlannedWindows.Any(p => p.Start == instant) == true;

    /// <summary>The parts of <paramref name="window"/> that no planned window covers, on whole minutes (buckets are minutes at the finest).</summary>
    internal static List<TimeWindow> Unplanned(TimeWindow window, IReadOnlyList<TimeWindow> planned)
    {
        var gaps = new List<TimeWindow>();
        var cursor = window.Start;
        foreach (var p in planned.OrderBy(p => p.Start))
        {
            if (p.Start > cursor) gaps.Add(new TimeWindow(cursor, p.Start));
            if (p.End > cursor) cursor = p.End;
        }
        if (window.End > cursor) gaps.Add(new TimeWindow(cursor, window.End));
        return gaps
            .Select(g => new TimeWindow(CeilingMinute(g.Start), BucketSize.Minute.StartOf(g.End)))
            .Where(g => g.End > g.Start)
            .ToList();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset CeilingMinute(DateTimeOffset instant) =>
        IsWholeMinute(instant) ? instant : BucketSize.Minute.StartOf(instant) + BucketSize.Minute.Length();

    /// <summary>The steps' buckets; they must cover all planned time, since the whole window's totals are their sum.</summary>
    private static BucketPlan StepPlan(IReadOnlyList<TimeWindow> planned, IReadOnlyList<TimeWindow> steps)
    {
        var calendar = new ShiftCalendar(planned);
        var inSteps = steps.Sum(step => calendar.PlannedWithin(step).Sum(p => p.Duration.Ticks));
        if (inSteps != calendar.PlannedWindows.Sum(p => p.Duration.Ticks))
            throw new ArgumentException("The steps must cover the evaluated window once.", nameof(steps));
        return BucketPlan.ForSteps(planned, steps);
    }

    /// <summary>Per machine and step: the sums of the step's buckets, as a row starting at the step's start.</summary>
    private static async Task<List<KpiBucketRows.Sums>> StepSumsAsync(
        AppDbContext db, List<Guid> machineIds, BucketPlan plan, IReadOnlyList<TimeWindow> steps, CancellationToken ct)
    {
        var starts = steps.Select(s => s.Start).ToArray();
        int StepOf(DateTimeOffset instant)
        {
            var index = Array.BinarySearch(starts, instant);
            if (index < 0) index = ~index - 1;
            return index >= 0 && steps[index].Contains(instant) ? index : -1;
        }
        var sums = await KpiBucketRows.StepSumsAsync(db, machineIds, plan, StepOf, ct);
        return sums.Select(s => new KpiBucketRows.Sums(s.Key.MachineId, steps[s.Key.Step].Start, s.Value.Counts, s.Value.Time)).ToList();
    }

    private static bool IsWholeMinute(DateTimeOffset instant) => instant == BucketSize.Minute.StartOf(instant);

    private sealed record BucketSource(
        MachineBucketSums Sums, IReadOnlyList<CarriedBreakdown> Carried, OpenRun? Open, IReadOnlyList<ReasonDowntime>? Downtime)
    {
        /// <summary>Roll-ups' first-carried correction of the whole window (trend steps' loads).</summary>
        public long WindowEpisodes { get; init; }

        /// <summary>Roll-ups' first-carried correction per machine and step start.</summary>
        public IReadOnlyDictionary<(Guid, DateTimeOffset), long>? StepEpisodes { get; init; }
    }

    /// <summary>What <see cref="SteppedRollUpsAsync"/> read: <paramref name="Weeks"/> from week roll-ups, the other days from day roll-ups.</summary>
    private sealed record SteppedRollUps(
        IReadOnlyList<TimeWindow> Windows, List<KpiBucketRows.Sums> Rows, Dictionary<Guid, long> WindowEpisodes,
        Dictionary<(Guid, DateTimeOffset), long> StepEpisodes, IReadOnlyList<DateTimeOffset> Weeks);

    /// <summary>
    /// The Pareto's share of the stepped roll-ups: the week roll-ups of <paramref name="weeks"/>, and the day roll-ups
    /// of the other days from the first to the last of <paramref name="stepOfDay"/> but <paramref name="shared"/> (one
    /// range per run of them; a day without planned time has no row).
    /// </summary>
    private static async Task<List<KpiBucketRows.ReasonTicks>> SteppedDowntimeAsync(
        AppDbContext db, List<Guid> machineIds, string key, IReadOnlyDictionary<DateTimeOffset, int> stepOfDay, IReadOnlyCollection<DateTimeOffset> shared,
        IReadOnlyList<DateTimeOffset> weeks, CancellationToken ct)
    {
        var inWeeks = weeks.SelectMany(PlannedWeeks.DaysOf).ToHashSet();
        var (first, last) = (stepOfDay.Keys.Min(), stepOfDay.Keys.Max());
        var otherDays = Enumerable.Range(0, (int)(last - first).TotalDays + 1).Select(i => first.AddDays(i)).Where(d => !inWeeks.Contains(d));
        var rows = await PlannedWeeks.ReadDowntimeAsync(db, machineIds, key, weeks, ct);
        foreach (var (from, to) in PlannedDays.Runs(otherDays))
            rows.AddRange(await PlannedDays.ReadDowntimeAsync(db, machineIds, key, from, to, shared, ct));
        return rows;
    }

    /// <summary>
    /// The roll-ups of the whole past UTC days whose planned part lies inside one trend step (<paramref name="stepOfDay"/>),
    /// summed per machine and step, with the first-carried corrections of the window and of each step; null when some
    /// machine lacks one of them (then composed as before).
    /// </summary>
    private static async Task<SteppedRollUps?> SteppedRollUpsAsync(
        AppDbContext db, Site site, List<Guid> machineIds, string key, IReadOnlyDictionary<DateTimeOffset, int> stepOfDay,
        IReadOnlyList<DateTimeOffset> pastDays, IReadOnlyCollection<DateTimeOffset> shared,
        IReadOnlyList<TimeWindow> steps, TimeWindow evaluated, IReadOnlyList<TimeWindow> planned, CancellationToken ct)
    {
        var days = stepOfDay.Keys.Order().ToList();
        // Weeks (weekly trend steps) whose days with planned time all lie in one step: one week roll-up each, keyed by
        // the week's first planned day (its first carried breakdown is that day's). Without all of them, days only.
        var weeks = PlannedWeeks.Within(pastDays)
            .Where(w => !PlannedWeeks.DaysOf(w).Any(shared.Contains)
                        && PlannedWeeks.DaysOf(w).Where(stepOfDay.ContainsKey).Select(d => stepOfDay[d]).Distinct().Count() == 1)
            .ToList();
        var weekRows = await PlannedWeeks.ReadAsync(db, machineIds, key, weeks, ct);
        if (weekRows.Count != machineIds.Count * weeks.Count) (weeks, weekRows) = ([], []);
        var firstPlannedDayOf = weeks.ToDictionary(w => w, w => PlannedWeeks.DaysOf(w).First(stepOfDay.ContainsKey));
        var inWeeks = weeks.SelectMany(PlannedWeeks.DaysOf).ToHashSet();
        var otherDays = days.Where(d => !inWeeks.Contains(d)).ToList();
        var dayRows = otherDays.Count == 0 ? [] : await PlannedDays.ReadDaysAsync(db, machineIds, key, otherDays, ct);
        if (dayRows.Count != machineIds.Count * otherDays.Count) return null;
        // A week's row stands for its first planned day (the step and first-carried lookups below go by day).
        var rows = dayRows.Concat(weekRows.Select(w => w with { Day = firstPlannedDayOf[w.Day] }));
        var dayStarts = days.ToHashSet();

        // The day whose first planned start is the first planned start of a window (or step) starting at windowStart, if rolled up.
        DateTimeOffset? FirstRolledDay(DateTimeOffset windowStart, IReadOnlyList<TimeWindow> plannedWithin) =>
            plannedWithin.Count > 0 && dayStarts.Contains(BucketSize.Day.StartOf(plannedWithin[0].Start))
            && (plannedWithin[0].Start > windowStart || PlannedStartsAt(site, windowStart))
                ? BucketSize.Day.StartOf(plannedWithin[0].Start) : null;

        var windowDay = FirstRolledDay(evaluated.Start, planned);
        var stepFirstDays = new Dictionary<int, DateTimeOffset>();
        for (var index = 0; index < steps.Count; index++)
        {
            if (FirstRolledDay(steps[index].Start, ShiftCalendar.Within(planned, steps[index])) is { } day) stepFirstDays[index] = day;
        }
        // One pass over the rows: summed per machine and step; the first days' rows kept for their corrections.
        var totals = new Dictionary<(Guid MachineId, int Step), BucketTotals>();
        var firstDays = stepFirstDays.Values.Append(windowDay ?? default).ToHashSet();
        var byDay = new Dictionary<(Guid, DateTimeOffset), PlannedDays.DayRow>();
        foreach (var row in rows)
        {
            var at = (row.MachineId, stepOfDay[row.Day]);
            totals[at] = totals.TryGetValue(at, out var sum) ? sum + row.Totals : row.Totals;
            if (firstDays.Contains(row.Day)) byDay[(row.MachineId, row.Day)] = row;
        }

        var windowEpisodes = new Dictionary<Guid, long>();
        var stepEpisodes = new Dictionary<(Guid, DateTimeOffset), long>();
        if (windowDay is { } first)
        {
            foreach (var id in machineIds)
            {
                if (byDay[(id, first)].FirstCarriedAdjustment(evaluated.Start) is not { } add) return null;
                windowEpisodes[id] = add;
            }
        }
        foreach (var (index, day) in stepFirstDays)
        {
            foreach (var id in machineIds)
            {
                if (byDay[(id, day)].FirstCarriedAdjustment(steps[index].Start) is not { } add) return null;
                stepEpisodes[(id, steps[index].Start)] = add;
            }
        }
        var sums = totals.Select(t => new KpiBucketRows.Sums(t.Key.MachineId, steps[t.Key.Step].Start, t.Value.Counts, t.Value.Time)).ToList();
        return new SteppedRollUps(PlannedDays.Windows(days), sums, windowEpisodes, stepEpisodes, weeks);
    }

    private sealed record MachineSource(
        IReadOnlyList<TimeWindow> Planned, MachineKpiInputs? Inputs, BucketSource? Buckets, IReadOnlyList<KpiBucketRows.Sums> Counts, StateChange? Current)
    {
        /// <summary>When the machine's first message arrived (null: never).</summary>
        public DateTimeOffset? FirstDataAt { get; init; }

        /// <summary>Counts outside planned time over the whole window; null when not read (steps, per bucket).</summary>
        public CountSums? Unplanned { get; init; }

        public MachineKpiInputs Timeline(TimeWindow? part) =>
            Inputs ?? throw new InvalidOperationException($"Evaluated from bucket sums: {part} needs a load with perBucket.");
    }
}

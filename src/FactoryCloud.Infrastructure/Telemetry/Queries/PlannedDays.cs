using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Infrastructure.Telemetry.Queries;

/// <summary>
/// Planned-time roll-ups (<see cref="MachinePlannedDay"/>): per machine and whole UTC day, the sums of the day's planned
/// part under the site's shift calendar, materialised from the same buckets the composition reads
/// (<see cref="BucketPlan.ForSteps"/> with the day as step), so they equal it exactly. See
/// docs/decisions/0008-planned-time-rollups.md.
/// <list type="bullet">
/// <item>A day is served by roll-ups only once it has ended; the processor deletes the roll-ups of every day it writes a
/// bucket of (in the batch's transaction, whatever its clock says), and <c>LossSums</c> all of a machine's when it
/// rebuilds its exact sums.</item>
/// <item>Materialising locks the machines' rows as the processor does (PostgreSQL: <c>FOR NO KEY UPDATE</c> in id order;
/// SQLite: the one writer) and reads the buckets after the lock, so a concurrent write either is seen or deletes the
/// result, and concurrent materialisations of the same days take turns.</item>
/// <item>The breakdowns carried into a planned window starting in the day are counted with the gap since the previous
/// planned window's end, which is what the query counts for every planned window but the first of its window; for that
/// one the roll-up keeps the carried breakdown's start (<see cref="FirstCarriedAsync"/>).</item>
/// </list>
/// </summary>
public static class PlannedDays
{
    /// <summary>Days materialised per transaction (the machines' rows are locked meanwhile).</summary>
    private const int DaysPerTransaction = 31;

    /// <summary>The whole UTC days of <paramref name="evaluated"/> that roll-ups serve: those ended by <paramref name="now"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Days(TimeWindow evaluated, DateTimeOffset now)
    {
        var day = TimeSpan.FromDays(1);
        var first = BucketSize.Day.StartOf(evaluated.Start);
        if (first < evaluated.Start) first += day;
        var days = new List<DateTimeOffset>();
        for (var d = first; d + day <= evaluated.End && d + day <= now; d += day) days.Add(d);
        return days;
    }

    /// <summary>
    /// Per machine, what to add to the roll-ups' breakdown episodes when the window's first planned start lies in
    /// <paramref name="day"/> (a breakdown carried into it counts only when it began inside the window, not since the
    /// previous planned window's end); null when some machine's roll-up cannot tell (more than one carried).
    /// </summary>
    public static async Task<Dictionary<Guid, long>?> FirstCarriedAsync(
        AppDbContext db, List<Guid> machineIds, string key, DateTimeOffset day, DateTimeOffset windowStart, CancellationToken ct)
    {
        var rows = await db.MachinePlannedDays.AsNoTracking()
            .Where(d => machineIds.Contains(d.MachineId) && d.Key == key && d.Day == day)
            .Select(d => new { d.MachineId, d.FirstCarriedStartTicks, d.FirstCarriedCounted })
            .ToListAsync(ct);
        if (rows.Any(r => r.FirstCarriedStartTicks < 0)) return null;
        return rows.ToDictionary(r => r.MachineId,
            r => (r.FirstCarriedStartTicks != 0 && r.FirstCarriedStartTicks >= windowStart.UtcTicks ? 1 : 0) - r.FirstCarriedCounted);
    }

    /// <summary>
    /// The roll-up of one machine's day before retention deletes the day's minute buckets (only for a site with a shift
    /// calendar: without one, whole days and weeks serve it already). Needs a context without a transaction.
    /// </summary>
    public static async Task EnsureBeforeRetentionAsync(AppDbContext db, Guid machineId, DateTimeOffset day, CancellationToken ct)
    {
        var site = await (
            from m in db.Machines.AsNoTracking()
            where m.Id == machineId
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            join s in db.Sites on a.SiteId equals s.Id
            select s).FirstOrDefaultAsync(ct);
        if (site is null) return;
        var calendar = new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone));
        if (!calendar.HasProductionShifts) return;
        var (settings, _) = await TenantKpiSettings.ReadAsync(db, ct);
        await EnsureAsync(db, [machineId], calendar, KeyOf(site, settings.LossSumsKey()), [day], ct);
    }

    /// <summary>
    /// The tenant's sites with a shift calendar (those roll-ups serve): each with its calendar, its roll-ups' key under
    /// the tenant's current loss settings and its machines in id order (for <see cref="EnsureAsync"/> ahead of reads).
    /// </summary>
    public static async Task<List<(WeeklyShiftCalendar Calendar, string Key, List<Guid> MachineIds)>> SitesAsync(AppDbContext db, CancellationToken ct)
    {
        var sites = (await db.Sites.AsNoTracking().ToListAsync(ct))
            .Select(s => (Site: s, Calendar: new WeeklyShiftCalendar(s.Shifts, WeeklyShiftCalendar.ZoneOf(s.TimeZone))))
            .Where(s => s.Calendar.HasProductionShifts)
            .ToList();
        if (sites.Count == 0) return [];
        var (settings, _) = await TenantKpiSettings.ReadAsync(db, ct);
        var machines = await (
            from m in db.Machines.AsNoTracking()
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            select new { m.Id, a.SiteId }).ToListAsync(ct);
        return sites
            .Select(s => (s.Calendar, KeyOf(s.Site, settings.LossSumsKey()),
                machines.Where(m => m.SiteId == s.Site.Id).Select(m => m.Id).Order().ToList()))
            .Where(s => s.Item3.Count > 0)
            .ToList();
    }

    /// <summary>
    /// Of <paramref name="days"/>, those whose planned part (within <paramref name="planned"/>) lies inside one of
    /// <paramref name="steps"/>, with that step's index: such a day's roll-up is part of that step's sums. A day without
    /// planned time is left out; one whose planned part two steps share too (<c>Shared</c>: composed from buckets).
    /// </summary>
    public static (Dictionary<DateTimeOffset, int> Days, List<DateTimeOffset> Shared) ByStep(
        IReadOnlyList<DateTimeOffset> days, IReadOnlyList<TimeWindow> planned, IReadOnlyList<TimeWindow> steps)
    {
        var calendar = new ShiftCalendar(planned);
        var result = new Dictionary<DateTimeOffset, int>();
        var shared = new List<DateTimeOffset>();
        foreach (var day in days)
        {
            var parts = calendar.PlannedWithin(new TimeWindow(day, day.AddDays(1)));
            if (parts.Count == 0) continue;
            var (first, last) = (parts[0].Start, parts[^1].End);
            var step = -1;
            for (var i = 0; i < steps.Count && step < 0; i++)
            {
                if (steps[i].Start <= first && last <= steps[i].End) step = i;
            }
            if (step >= 0) result[day] = step;
            else shared.Add(day);
        }
        return (result, shared);
    }

    /// <summary>The days as windows, contiguous ones merged.</summary>
    public static IReadOnlyList<TimeWindow> Windows(IReadOnlyList<DateTimeOffset> days) =>
        new ShiftCalendar(days.Select(d => new TimeWindow(d, d.AddDays(1)))).PlannedWindows;

    /// <summary><paramref name="windows"/> without the parts inside <paramref name="holes"/> (both sorted, not overlapping).</summary>
    public static List<TimeWindow> Subtract(IEnumerable<TimeWindow> windows, IReadOnlyList<TimeWindow> holes)
    {
        var result = new List<TimeWindow>();
        foreach (var window in windows)
        {
            var start = window.Start;
            foreach (var hole in holes)
            {
                if (hole.End <= start || hole.Start >= window.End) continue;
                if (hole.Start > start) result.Add(new TimeWindow(start, hole.Start));
                start = hole.End;
                if (start >= window.End) break;
            }
            if (start < window.End) result.Add(new TimeWindow(start, window.End));
        }
        return result;
    }

    /// <summary>The key of a site's roll-ups under the tenant's current loss settings.</summary>
    public static string KeyOf(Site site, string lossSumsKey) => PlannedDayKey.Of(site.TimeZone, site.Shifts, lossSumsKey);

    /// <summary>Per machine: the summed roll-ups of <paramref name="days"/> under <paramref name="key"/> and how many there are.</summary>
    public static async Task<Dictionary<Guid, (BucketTotals Totals, long UnplannedCount, int Days)>> ReadAsync(
        AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> days, CancellationToken ct)
    {
        var rows = await Of(db, machineIds, key, days)
            .GroupBy(d => d.MachineId)
            .Select(g => new
            {
                MachineId = g.Key, Days = g.Count(),
                Good = g.Sum(d => d.GoodCount), Scrap = g.Sum(d => d.ScrapCount), IdealTotal = g.Sum(d => d.IdealSecondsTotal),
                IdealGood = g.Sum(d => d.IdealSecondsGood), Energy = g.Sum(d => d.EnergyKwh),
                Run = g.Sum(d => d.RunTicks), PlannedStop = g.Sum(d => d.PlannedStopTicks), Breakdown = g.Sum(d => d.BreakdownTicks),
                SmallStop = g.Sum(d => d.SmallStopTicks), Setup = g.Sum(d => d.SetupTicks), Idle = g.Sum(d => d.IdleLossTicks),
                Offline = g.Sum(d => d.OfflineLossTicks), NoData = g.Sum(d => d.NoDataLossTicks), Episodes = g.Sum(d => d.BreakdownEpisodes),
                Unplanned = g.Sum(d => d.UnplannedGoodCount + d.UnplannedScrapCount),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.MachineId, r => (new BucketTotals(
            new CountSums(r.Good, r.Scrap, r.IdealTotal, r.IdealGood, r.Energy),
            new MachineBucketSums(r.Run, r.PlannedStop, r.Breakdown, r.SmallStop, r.Setup, r.Idle, r.Offline, r.NoData, r.Episodes)),
            r.Unplanned, r.Days));
    }

    /// <summary>One machine's roll-up of one day: its sums, and its first carried breakdown (see <see cref="FirstCarriedAsync"/>).</summary>
    public sealed record DayRow(Guid MachineId, DateTimeOffset Day, BucketTotals Totals, long FirstCarriedStartTicks, long FirstCarriedCounted)
    {
        /// <summary>What to add to the episodes when a window (or trend step) starting at <paramref name="windowStart"/> has its first planned start in this day; null: cannot tell.</summary>
        public long? FirstCarriedAdjustment(DateTimeOffset windowStart) => FirstCarriedStartTicks < 0 ? null
            : (FirstCarriedStartTicks != 0 && FirstCarriedStartTicks >= windowStart.UtcTicks ? 1 : 0) - FirstCarriedCounted;
    }

    /// <summary>The roll-ups of <paramref name="days"/> under <paramref name="key"/>, one per machine and day (trend steps).</summary>
    public static async Task<List<DayRow>> ReadDaysAsync(
        AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> days, CancellationToken ct)
    {
        // One range per machine, filtered here (a list of days is one index probe per machine and day in PostgreSQL),
        // projected in the query: a year of 200 machines is 73,000 rows, and no entity is needed.
        // The days around a year's weeks are two short runs: one range each, not one range across the year.
        var wanted = days.ToHashSet();
        var runs = Runs(days);
        var rows = new List<DayRow>();
        foreach (var (first, last) in runs.Count <= MaxRangesRead ? runs : [(days.Min(), days.Max())])
        {
            rows.AddRange(await db.MachinePlannedDays.AsNoTracking()
                .Where(d => machineIds.Contains(d.MachineId) && d.Key == key && d.Day >= first && d.Day <= last)
                .Select(d => new DayRow(d.MachineId, d.Day, new BucketTotals(
                    new CountSums(d.GoodCount, d.ScrapCount, d.IdealSecondsTotal, d.IdealSecondsGood, d.EnergyKwh),
                    new MachineBucketSums(d.RunTicks, d.PlannedStopTicks, d.BreakdownTicks, d.SmallStopTicks, d.SetupTicks, d.IdleLossTicks,
                        d.OfflineLossTicks, d.NoDataLossTicks, d.BreakdownEpisodes)),
                d.FirstCarriedStartTicks, d.FirstCarriedCounted)).ToListAsync(ct));
        }
        return rows.Where(r => wanted.Contains(r.Day)).ToList();
    }

    /// <summary>Up to this many runs of days are read as one range each; more as one range over all of them.</summary>
    private const int MaxRangesRead = 4;

    /// <summary>The runs of consecutive days of <paramref name="days"/>, each as its first and last day, in order.</summary>
    public static List<(DateTimeOffset First, DateTimeOffset Last)> Runs(IEnumerable<DateTimeOffset> days)
    {
        var runs = new List<(DateTimeOffset First, DateTimeOffset Last)>();
        foreach (var day in days.Distinct().Order())
        {
            if (runs.Count > 0 && runs[^1].Last.AddDays(1) == day) runs[^1] = (runs[^1].First, day);
            else runs.Add((day, day));
        }
        return runs;
    }

    /// <summary>
    /// Writes the roll-ups of <paramref name="days"/> that <paramref name="machineIds"/> lack under <paramref name="key"/>
    /// (replacing rows under another key). Needs a context without a transaction; returns how many rows were written.
    /// </summary>
    public static async Task<int> EnsureAsync(
        AppDbContext db, List<Guid> machineIds, WeeklyShiftCalendar calendar, string key, IReadOnlyList<DateTimeOffset> days, CancellationToken ct)
    {
        if (days.Count == 0 || machineIds.Count == 0 || db.Database.CurrentTransaction is not null || !calendar.HasProductionShifts) return 0;
        // A week's roll-up exists only with its seven days', so the days of present weeks need no count.
        var weeks = PlannedWeeks.Within(days);
        var inWeeks = weeks.SelectMany(PlannedWeeks.DaysOf).ToHashSet();
        var otherDays = days.Where(d => !inWeeks.Contains(d)).ToList();
        if (await PlannedWeeks.AllPresentAsync(db, machineIds, key, weeks, ct) && await AllPresentAsync(db, machineIds, key, otherDays, ct)) return 0;

        var written = 0;
        var first = true;
        foreach (var chunk in days.Chunk(DaysPerTransaction))
        {
            // SQLite's one writer: a cold read of a year is twelve transactions; the processor's writes come between.
            if (!first && db.Database.IsSqlite()) await Task.Delay(SqliteWriterGap.Length, ct);
            first = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ordered = machineIds.Order().ToList();
            await LockMachinesAsync(db, ordered, ct);
            var have = (await Of(db, ordered, key, chunk).Select(d => new { d.MachineId, d.Day }).ToListAsync(ct))
                .Select(d => (d.MachineId, d.Day)).ToHashSet();
            var missing = ordered.Where(m => chunk.Any(d => !have.Contains((m, d)))).ToList();
            if (missing.Count > 0)
            {
                var missingDays = chunk.Where(d => missing.Any(m => !have.Contains((m, d)))).ToList();
                var (rows, downtime) = await ComputeAsync(db, missing, calendar, key, missingDays, ct);
                await db.MachinePlannedDays.Where(d => missing.Contains(d.MachineId) && missingDays.Contains(d.Day)).ExecuteDeleteAsync(ct);
                await db.MachineDowntimeDays.Where(d => missing.Contains(d.MachineId) && missingDays.Contains(d.Day)).ExecuteDeleteAsync(ct);
                await PlannedWeeks.ForgetAsync(db, missing, missingDays, ct);
                db.MachinePlannedDays.AddRange(rows);
                db.MachineDowntimeDays.AddRange(downtime);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                written += rows.Count;
            }
            await transaction.CommitAsync(ct);
        }
        await PlannedWeeks.EnsureAsync(db, machineIds, calendar, key, weeks, ct, afterWrite: true);
        return written;
    }

    /// <summary>
    /// Takes the processor's lock on the machines' rows within the current transaction (PostgreSQL; SQLite has one
    /// writer): its UPDATEs take FOR NO KEY UPDATE, in id order as here. A write in flight finishes first, and two readers
    /// materialising the same roll-ups take turns (the second then finds the first's rows) instead of both inserting them.
    /// </summary>
    internal static async Task LockMachinesAsync(AppDbContext db, List<Guid> orderedIds, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlRawAsync("""SELECT 1 FROM (SELECT "Id" FROM "Machines" WHERE "Id" = ANY({0}) ORDER BY "Id" FOR NO KEY UPDATE) AS locked""", [orderedIds.ToArray()], ct);
    }

    /// <summary>Whether every machine has a roll-up of every one of <paramref name="days"/> under <paramref name="key"/>.</summary>
    private static async Task<bool> AllPresentAsync(AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> days, CancellationToken ct)
    {
        if (days.Count == 0) return true;
        var present = await Of(db, machineIds, key, days).GroupBy(d => d.MachineId).Select(g => g.Count()).ToListAsync(ct);
        return present.Count == machineIds.Count && present.All(count => count == days.Count);
    }

    /// <summary>The roll-ups of <paramref name="days"/> (and their downtime per reason), composed from the buckets as the query composes planned time.</summary>
    private static async Task<(List<MachinePlannedDay> Days, List<MachineDowntimeDay> Downtime)> ComputeAsync(
        AppDbContext db, List<Guid> machineIds, WeeklyShiftCalendar calendar, string key, List<DateTimeOffset> days, CancellationToken ct)
    {
        var steps = days.Select(d => new TimeWindow(d, d.AddDays(1))).ToList();
        // Eight days before: the previous planned window's end, which bounds the breakdowns carried into the first shift.
        var extended = new TimeWindow(days[0].AddDays(-8), days[^1].AddDays(1));
        var planned = calendar.For(extended)!.PlannedWindows;
        var starts = steps.Select(s => s.Start).ToArray();
        int StepOf(DateTimeOffset instant)
        {
            var index = Array.BinarySearch(starts, BucketSize.Day.StartOf(instant));
            return index >= 0 ? index : -1;
        }

        var plan = BucketPlan.ForSteps(planned, steps);
        var inPlanned = await KpiBucketRows.StepSumsAsync(db, machineIds, plan, StepOf, ct);
        var downtime = (await KpiBucketRows.StepDowntimeAsync(db, machineIds, plan, StepOf, ct))
            .Select(r => new MachineDowntimeDay
            {
                MachineId = r.Key.MachineId, Day = steps[r.Key.Step].Start, Reason = r.Key.Reason, Key = key,
                BreakdownTicks = r.Value.Ticks, BreakdownEpisodes = r.Value.Episodes,
            })
            .ToList();
        var calendarOfSteps = new ShiftCalendar(planned);
        var outside = steps.SelectMany(step => KpiData.Unplanned(step, calendarOfSteps.PlannedWithin(step))).ToList();
        var unplanned = await KpiBucketRows.StepSumsAsync(db, machineIds, BucketPlan.For(outside), StepOf, ct);

        // Planned starts inside the days, each with the end of the planned window before it.
        var carryStarts = new Dictionary<DateTimeOffset, DateTimeOffset>();
        for (var i = 1; i < planned.Count; i++)
        {
            if (StepOf(planned[i].Start) >= 0) carryStarts[planned[i].Start] = planned[i - 1].End;
        }
        var carried = await KpiBucketRows.CarriedAsync(db, machineIds, carryStarts.Keys.ToList(), ct);
        var counted = carried.Where(c => c.Breakdown.Start >= carryStarts[c.Breakdown.Minute]).ToList();
        var carriedCounts = counted
            .GroupBy(c => (c.MachineId, StepOf(c.Breakdown.Minute)))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        // The Pareto counts them under their reason, as the episodes do.
        var downtimeRows = downtime.ToDictionary(d => (d.MachineId, d.Day, d.Reason));
        foreach (var c in counted)
        {
            var (day, reason) = (steps[StepOf(c.Breakdown.Minute)].Start, c.Breakdown.Reason ?? MachineDowntimeBucket.NoReason);
            if (!downtimeRows.TryGetValue((c.MachineId, day, reason), out var row))
            {
                downtimeRows[(c.MachineId, day, reason)] = row = new MachineDowntimeDay { MachineId = c.MachineId, Day = day, Reason = reason, Key = key };
                downtime.Add(row);
            }
            row.BreakdownEpisodes++;
        }
        // Each day's first planned start: what a window starting before it (after the previous end) counts differs.
        var firstStarts = carryStarts.Keys.GroupBy(StepOf).ToDictionary(g => g.Key, g => g.Min());
        var firstCarried = new Dictionary<(Guid, int), (long Start, long Counted)>();
        foreach (var group in carried
                     .Where(c => firstStarts.TryGetValue(StepOf(c.Breakdown.Minute), out var f) && f == c.Breakdown.Minute)
                     .GroupBy(c => (c.MachineId, StepOf(c.Breakdown.Minute))))
        {
            var only = group.First().Breakdown;
            firstCarried[group.Key] = group.Count() > 1 ? (-1, 0) : (only.Start.UtcTicks, only.Start >= carryStarts[only.Minute] ? 1 : 0);
        }

        var rows = new List<MachinePlannedDay>(machineIds.Count * days.Count);
        foreach (var machineId in machineIds)
        {
            for (var step = 0; step < steps.Count; step++)
            {
                var sums = inPlanned.GetValueOrDefault((machineId, step)) ?? BucketTotals.Zero;
                var outsideCounts = unplanned.GetValueOrDefault((machineId, step))?.Counts ?? CountSums.Zero;
                rows.Add(new MachinePlannedDay
                {
                    MachineId = machineId, Day = steps[step].Start, Key = key,
                    GoodCount = sums.Counts.Good, ScrapCount = sums.Counts.Scrap, IdealSecondsTotal = sums.Counts.IdealTotal,
                    IdealSecondsGood = sums.Counts.IdealGood, EnergyKwh = sums.Counts.Energy,
                    RunTicks = sums.Time.RunTicks, PlannedStopTicks = sums.Time.PlannedStopTicks, BreakdownTicks = sums.Time.BreakdownTicks,
                    SmallStopTicks = sums.Time.SmallStopTicks, SetupTicks = sums.Time.SetupTicks, IdleLossTicks = sums.Time.IdleTicks,
                    OfflineLossTicks = sums.Time.OfflineTicks, NoDataLossTicks = sums.Time.NoDataTicks,
                    BreakdownEpisodes = sums.Time.BreakdownEpisodes + carriedCounts.GetValueOrDefault((machineId, step)),
                    UnplannedGoodCount = outsideCounts.Good, UnplannedScrapCount = outsideCounts.Scrap,
                    FirstCarriedStartTicks = firstCarried.GetValueOrDefault((machineId, step)).Start,
                    FirstCarriedCounted = firstCarried.GetValueOrDefault((machineId, step)).Counted,
                });
            }
        }
        return (rows, downtime);
    }

    /// <summary>
    /// Per machine and reason: the breakdown time and episodes in the planned part of the days from
    /// <paramref name="first"/> to <paramref name="last"/> but <paramref name="except"/> (<see cref="MachineDowntimeDay"/>),
    /// for days whose planned-time roll-ups were read in the same snapshot. A day without planned time has no row, so
    /// only days with planned time need leaving out. One range per machine (a list of days would be one index probe per
    /// machine and day in PostgreSQL).
    /// </summary>
    public static async Task<List<KpiBucketRows.ReasonTicks>> ReadDowntimeAsync(
        AppDbContext db, List<Guid> machineIds, string key, DateTimeOffset first, DateTimeOffset last, IReadOnlyCollection<DateTimeOffset> except,
        CancellationToken ct)
    {
        var skipped = except.ToList();
        return await db.MachineDowntimeDays.AsNoTracking()
            .Where(d => machineIds.Contains(d.MachineId) && d.Key == key && d.Day >= first && d.Day <= last && !skipped.Contains(d.Day))
            .GroupBy(d => new { d.MachineId, d.Reason })
            .Select(g => new KpiBucketRows.ReasonTicks(g.Key.MachineId, g.Key.Reason, g.Sum(d => d.BreakdownTicks), g.Sum(d => d.BreakdownEpisodes)))
            .ToListAsync(ct);
    }

    /// <summary>The rows of <paramref name="days"/>: one range per machine when they are consecutive (a list of days is one index probe per machine and day in PostgreSQL).</summary>
    private static IQueryable<MachinePlannedDay> Of(AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> days)
    {
        var rows = db.MachinePlannedDays.AsNoTracking().Where(d => machineIds.Contains(d.MachineId) && d.Key == key);
        var (first, last) = (days.Min(), days.Max());
        if (days.Distinct().Count() == (int)(last - first).TotalDays + 1) return rows.Where(d => d.Day >= first && d.Day <= last);
        var list = days.ToList();
        return rows.Where(d => list.Contains(d.Day));
    }
}

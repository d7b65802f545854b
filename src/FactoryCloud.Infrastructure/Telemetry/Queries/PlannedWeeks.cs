using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Infrastructure.Telemetry.Queries;

/// <summary>
/// Weekly planned-time roll-ups (<see cref="MachinePlannedWeek"/>, <see cref="MachineDowntimeWeek"/>): per machine and
/// UTC week (a weekly trend step), the sum of its seven day roll-ups (<see cref="PlannedDays"/>), so a year's trend and
/// Pareto read 52 rows per machine (and reason) instead of 365. Sums of integers (and the same doubles the days hold):
/// a week equals its days exactly. See docs/decisions/0008-planned-time-rollups.md.
/// <list type="bullet">
/// <item>Written only from seven day rows under the same key, in a transaction that holds the machines' row locks as
/// <see cref="PlannedDays.EnsureAsync"/> does; so while a week row exists, its seven day rows do.</item>
/// <item>Deleted whenever one of its days is (<see cref="ForgetAsync"/>: the processor's late write, a day replaced
/// under another key) and with all of a machine's roll-ups (a loss-sums rebuild).</item>
/// </list>
/// </summary>
public static class PlannedWeeks
{
    /// <summary>Weeks materialised per transaction (the machines' rows are locked meanwhile).</summary>
    private const int WeeksPerTransaction = 13;

    /// <summary>The Mondays whose seven days are all in <paramref name="days"/>, in order.</summary>
    public static List<DateTimeOffset> Within(IReadOnlyCollection<DateTimeOffset> days)
    {
        var set = days.ToHashSet();
        return days.Select(d => BucketSize.Week.StartOf(d)).Distinct().Where(week => DaysOf(week).All(set.Contains)).Order().ToList();
    }

    /// <summary>The seven UTC midnights of <paramref name="week"/>.</summary>
    public static IEnumerable<DateTimeOffset> DaysOf(DateTimeOffset week) => Enumerable.Range(0, 7).Select(i => week.AddDays(i));

    /// <summary>
    /// Deletes the week roll-ups (any key) of the weeks of <paramref name="days"/> for <paramref name="machineIds"/>:
    /// called wherever day roll-ups of those days are deleted, in the same transaction.
    /// </summary>
    public static async Task ForgetAsync(AppDbContext db, List<Guid> machineIds, IEnumerable<DateTimeOffset> days, CancellationToken ct)
    {
        var weeks = days.Select(d => BucketSize.Week.StartOf(d)).Distinct().ToList();
        if (weeks.Count == 0 || machineIds.Count == 0) return;
        await db.MachinePlannedWeeks.Where(w => machineIds.Contains(w.MachineId) && weeks.Contains(w.Week)).ExecuteDeleteAsync(ct);
        await db.MachineDowntimeWeeks.Where(w => machineIds.Contains(w.MachineId) && weeks.Contains(w.Week)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Whether every machine has a roll-up of every one of <paramref name="weeks"/> under <paramref name="key"/>.</summary>
    public static async Task<bool> AllPresentAsync(AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> weeks, CancellationToken ct)
    {
        if (weeks.Count == 0) return true;
        var present = await Of(db, machineIds, key, weeks).GroupBy(w => w.MachineId).Select(g => g.Count()).ToListAsync(ct);
        return present.Count == machineIds.Count && present.All(count => count == weeks.Count);
    }

    /// <summary>
    /// Writes the week roll-ups of <paramref name="weeks"/> that <paramref name="machineIds"/> lack under
    /// <paramref name="key"/>, from their day roll-ups (a machine and week missing one of its seven days is left out: it
    /// is composed from what exists). Needs a context without a transaction; returns how many rows were written.
    /// <paramref name="afterWrite"/>: a write transaction of the caller just ended (on SQLite the processor's writes
    /// get the same gap before the first week transaction as between two of them).
    /// </summary>
    public static async Task<int> EnsureAsync(
        AppDbContext db, List<Guid> machineIds, WeeklyShiftCalendar calendar, string key, IReadOnlyList<DateTimeOffset> weeks, CancellationToken ct,
        bool afterWrite = false)
    {
        if (weeks.Count == 0 || machineIds.Count == 0 || db.Database.CurrentTransaction is not null) return 0;
        if (await AllPresentAsync(db, machineIds, key, weeks, ct)) return 0;

        var written = 0;
        var gap = afterWrite;
        foreach (var chunk in weeks.Chunk(WeeksPerTransaction))
        {
            if (gap && db.Database.IsSqlite()) await Task.Delay(SqliteWriterGap.Length, ct);
            gap = true;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ordered = machineIds.Order().ToList();
            await PlannedDays.LockMachinesAsync(db, ordered, ct);
            var have = (await Of(db, ordered, key, chunk).Select(w => new { w.MachineId, w.Week }).ToListAsync(ct))
                .Select(w => (w.MachineId, w.Week)).ToHashSet();
            var missing = ordered.Where(m => chunk.Any(w => !have.Contains((m, w)))).ToList();
            if (missing.Count > 0)
            {
                var (rows, downtime) = await ComputeAsync(db, missing, calendar, key, chunk, have, ct);
                var weekList = chunk.ToList();
                await db.MachinePlannedWeeks.Where(w => missing.Contains(w.MachineId) && weekList.Contains(w.Week) && w.Key != key).ExecuteDeleteAsync(ct);
                await db.MachineDowntimeWeeks.Where(w => missing.Contains(w.MachineId) && weekList.Contains(w.Week) && w.Key != key).ExecuteDeleteAsync(ct);
                db.MachinePlannedWeeks.AddRange(rows);
                db.MachineDowntimeWeeks.AddRange(downtime);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                written += rows.Count;
            }
            await transaction.CommitAsync(ct);
        }
        return written;
    }

    /// <summary>The week rows of <paramref name="weeks"/> that <paramref name="have"/> lacks and whose seven day rows exist, summed from them.</summary>
    private static async Task<(List<MachinePlannedWeek> Weeks, List<MachineDowntimeWeek> Downtime)> ComputeAsync(
        AppDbContext db, List<Guid> machineIds, WeeklyShiftCalendar calendar, string key, DateTimeOffset[] weeks,
        HashSet<(Guid, DateTimeOffset)> have, CancellationToken ct)
    {
        var (first, last) = (weeks.Min(), weeks.Max().AddDays(6));
        var days = await db.MachinePlannedDays.AsNoTracking()
            .Where(d => machineIds.Contains(d.MachineId) && d.Key == key && d.Day >= first && d.Day <= last)
            .ToListAsync(ct);
        var byDay = days.ToDictionary(d => (d.MachineId, d.Day));
        var rows = new List<MachinePlannedWeek>();
        foreach (var week in weeks)
        {
            var firstPlannedDay = FirstPlannedDay(calendar, week);
            foreach (var machineId in machineIds)
            {
                if (have.Contains((machineId, week))) continue;
                var ofWeek = DaysOf(week).Select(d => byDay.GetValueOrDefault((machineId, d))).ToList();
                if (ofWeek.Any(d => d is null)) continue;
                var row = new MachinePlannedWeek { MachineId = machineId, Week = week, Key = key };
                foreach (var day in ofWeek) row.Add(day!);
                if (firstPlannedDay is { } firstDay)
                {
                    var carried = byDay[(machineId, firstDay)];
                    (row.FirstCarriedStartTicks, row.FirstCarriedCounted) = (carried.FirstCarriedStartTicks, carried.FirstCarriedCounted);
                }
                rows.Add(row);
            }
        }
        var written = rows.Select(r => (r.MachineId, r.Week)).ToHashSet();
        var downtime = (await db.MachineDowntimeDays.AsNoTracking()
                .Where(d => machineIds.Contains(d.MachineId) && d.Key == key && d.Day >= first && d.Day <= last)
                .ToListAsync(ct))
            .Select(d => (Row: d, Week: BucketSize.Week.StartOf(d.Day)))
            .Where(d => written.Contains((d.Row.MachineId, d.Week)))
            .GroupBy(d => (d.Row.MachineId, d.Week, d.Row.Reason))
            .Select(g => new MachineDowntimeWeek
            {
                MachineId = g.Key.MachineId, Week = g.Key.Week, Reason = g.Key.Reason, Key = key,
                BreakdownTicks = g.Sum(d => d.Row.BreakdownTicks), BreakdownEpisodes = g.Sum(d => d.Row.BreakdownEpisodes),
            })
            .ToList();
        return (rows, downtime);
    }

    /// <summary>The week's first day with planned time: the day of its first planned start, whose first carried breakdown the week keeps.</summary>
    private static DateTimeOffset? FirstPlannedDay(WeeklyShiftCalendar calendar, DateTimeOffset week)
    {
        var window = new TimeWindow(week, week.AddDays(7));
        return calendar.For(window)?.PlannedWithin(window) is [var firstPart, ..] ? BucketSize.Day.StartOf(firstPart.Start) : null;
    }

    /// <summary>The roll-ups of <paramref name="weeks"/> under <paramref name="key"/>, as day rows starting at the week (trend steps).</summary>
    public static async Task<List<PlannedDays.DayRow>> ReadAsync(
        AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> weeks, CancellationToken ct)
    {
        if (weeks.Count == 0) return [];
        var wanted = weeks.ToHashSet();
        var (first, last) = (weeks.Min(), weeks.Max());
        var rows = await db.MachinePlannedWeeks.AsNoTracking()
            .Where(w => machineIds.Contains(w.MachineId) && w.Key == key && w.Week >= first && w.Week <= last)
            .Select(w => new PlannedDays.DayRow(w.MachineId, w.Week, new BucketTotals(
                new CountSums(w.GoodCount, w.ScrapCount, w.IdealSecondsTotal, w.IdealSecondsGood, w.EnergyKwh),
                new MachineBucketSums(w.RunTicks, w.PlannedStopTicks, w.BreakdownTicks, w.SmallStopTicks, w.SetupTicks, w.IdleLossTicks,
                    w.OfflineLossTicks, w.NoDataLossTicks, w.BreakdownEpisodes)),
                w.FirstCarriedStartTicks, w.FirstCarriedCounted)).ToListAsync(ct);
        return rows.Where(r => wanted.Contains(r.Day)).ToList();
    }

    /// <summary>Per machine and reason: the breakdown time and episodes of <paramref name="weeks"/> (see <see cref="PlannedDays.ReadDowntimeAsync"/>).</summary>
    public static async Task<List<KpiBucketRows.ReasonTicks>> ReadDowntimeAsync(
        AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> weeks, CancellationToken ct)
    {
        if (weeks.Count == 0) return [];
        var (first, last) = (weeks.Min(), weeks.Max());
        var skipped = Enumerable.Range(0, (int)((last - first).TotalDays / 7) + 1).Select(i => first.AddDays(7 * i)).Except(weeks).ToList();
        return await db.MachineDowntimeWeeks.AsNoTracking()
            .Where(w => machineIds.Contains(w.MachineId) && w.Key == key && w.Week >= first && w.Week <= last && !skipped.Contains(w.Week))
            .GroupBy(w => new { w.MachineId, w.Reason })
            .Select(g => new KpiBucketRows.ReasonTicks(g.Key.MachineId, g.Key.Reason, g.Sum(w => w.BreakdownTicks), g.Sum(w => w.BreakdownEpisodes)))
            .ToListAsync(ct);
    }

    /// <summary>The rows of <paramref name="weeks"/>: one range per machine when they are consecutive.</summary>
    private static IQueryable<MachinePlannedWeek> Of(AppDbContext db, List<Guid> machineIds, string key, IReadOnlyList<DateTimeOffset> weeks)
    {
        var rows = db.MachinePlannedWeeks.AsNoTracking().Where(w => machineIds.Contains(w.MachineId) && w.Key == key);
        var (first, last) = (weeks.Min(), weeks.Max());
        if (weeks.Distinct().Count() == (int)((last - first).TotalDays / 7) + 1) return rows.Where(w => w.Week >= first && w.Week <= last);
        var list = weeks.ToList();
        return rows.Where(w => list.Contains(w.Week));
    }
}

using System.Net.Http.Json;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.Web.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

/// <summary>
/// Planned-time roll-ups (<see cref="PlannedDays"/>) give exactly what composing planned time from hour and minute
/// buckets gives, on both providers: over two weeks with the spring DST change, shifts crossing UTC midnight, breaks off
/// the hour, partial days at the window's ends, and breakdowns carried into a shift start from before the window and
/// from inside it; after a late message into a rolled-up day, after a change of the shift calendar, and after retention
/// deleted the minute buckets.
/// </summary>
public sealed class PlannedDayRollupTests(DatabaseServers servers)
{
    /// <summary>Friday 2026-03-20; Europe/Berlin moves to summer time on Sunday 2026-03-29.</summary>
    private static readonly DateTimeOffset F = new(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeWindow[] Windows =
    [
        new(F, F.AddDays(14)), // whole days, first planned start on the first day (carried from before the window)
        new(F.AddHours(4).AddMinutes(47), F.AddDays(13).AddHours(17).AddMinutes(13)), // partial days at both ends
        new(F.AddDays(1), F.AddDays(12)), // Saturday: the first planned start is the night shift, 21:00 UTC
        new(F.AddDays(10), F.AddDays(13)), // Monday after the DST change: breakdown carried from before the window
        new(F.AddDays(3).AddHours(5), F.AddDays(11)), // starts on a shift start
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RollUpsEqualTheComposedBucketsAndFollowLateDataCalendarChangesAndRetention(DatabaseProvider provider)
    {
        var (app, owner, plant, device) = await SetUpAsync(provider);
        await StoreAsync(app, Timeline(device));

        // The first reads (two at once: they take turns) materialise the roll-ups; the next reads them.
        var composed = await ComposedAsync(app, owner, plant);
        var firstReads = await Task.WhenAll(RolledAsync(app, owner, plant), RolledAsync(app, owner, plant));
        Assert.Equal(composed, firstReads[0]);
        Assert.Equal(composed, firstReads[1]);
        Assert.True(await RollUpCountAsync(app, owner) >= 13);
        Assert.Equal(composed, await RolledAsync(app, owner, plant));
        Assert.Contains(composed, t => t.Totals.BreakdownEpisodes > 0 && t.Totals.GoodCount > 0 && t.Totals.UnplannedCount > 0);
        Assert.All(composed, t => Assert.Contains("jam", t.Pareto, StringComparison.Ordinal));
        Assert.Contains(composed, t => t.Pareto.Contains("carried", StringComparison.Ordinal));
        Assert.True(await DowntimeRollUpCountAsync(app, owner) > 0);
        // A load without the Pareto reads the same roll-ups for its totals.
        Assert.Equal(composed.Select(t => t.Totals), (await LoadAsync(app, owner, plant, composed: false, downtime: false)).Select(t => t.Totals));

        // A late state change and count in a rolled-up day: the processor deletes that day's roll-up.
        var lateDay = F.AddDays(5);
        await StoreAsync(app,
        [
            device.State(lateDay.AddHours(9).AddMinutes(13), MachineState.Down, "late"),
            device.State(lateDay.AddHours(9).AddMinutes(58), MachineState.Running),
            device.Count(lateDay.AddHours(10).AddMinutes(2), 7, 1),
        ]);
        Assert.DoesNotContain(await WeekRowsAsync(app, owner), w => w.StartsWith($"{F.AddDays(3).UtcTicks}|", StringComparison.Ordinal));
        var late = await ComposedAsync(app, owner, plant);
        Assert.NotEqual(composed, late);
        Assert.Equal(late, await RolledAsync(app, owner, plant));
        Assert.Contains(await WeekRowsAsync(app, owner), w => w.StartsWith($"{F.AddDays(3).UtcTicks}|", StringComparison.Ordinal));
        Assert.Equal(late, await RolledAsync(app, owner, plant));
        Assert.Equal(await SteppedAsync(app, owner, plant, Windows[0], composed: true), await SteppedAsync(app, owner, plant, Windows[0], composed: false));

        // Another shift calendar: the roll-ups under the old key are not read.
        await PutShiftsAsync(owner, plant,
        [
            new { day = "Monday", start = "07:00:00", end = "15:30:00", kind = "Production", name = "Day" },
            new { day = "Tuesday", start = "07:00:00", end = "15:30:00", kind = "Production", name = "Day" },
            new { day = "Wednesday", start = "07:00:00", end = "15:30:00", kind = "Production", name = "Day" },
            new { day = "Thursday", start = "07:00:00", end = "15:30:00", kind = "Production", name = "Day" },
            new { day = "Friday", start = "07:00:00", end = "12:00:00", kind = "Production", name = "Short" },
            new { day = "Wednesday", start = "11:45:00", end = "12:15:00", kind = "PlannedBreak", name = "Lunch" },
        ]);
        var changed = await ComposedAsync(app, owner, plant);
        Assert.NotEqual(late, changed);
        Assert.Equal(changed, await RolledAsync(app, owner, plant));
        Assert.Equal(changed, await RolledAsync(app, owner, plant));

        // Retention deletes the minute buckets of these days (older than 100 days) after rolling them up: windows of
        // whole days stay exact (a partial day at a window's edge is composed of hours and the minutes that remain).
        await using (var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId)))
        {
            db.TenantPlans.Add(new TenantPlan { RawEventRetentionDays = 90, MinuteBucketRetentionDays = 100 });
            await db.SaveChangesAsync(Ct);
            await db.MachinePlannedDays.ExecuteDeleteAsync(Ct); // retention must write them itself
            await db.MachineDowntimeDays.ExecuteDeleteAsync(Ct);
        }
        var removed = await app.Services.GetRequiredService<DataRetentionJob>().RunAsync(owner.TenantId, Ct);
        Assert.True(removed.MinuteBuckets > 0);
        await using (var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId)))
            Assert.Equal(0, await db.MachineBuckets.CountAsync(b => b.Size == BucketSize.Minute && b.Start < F.AddDays(14), Ct));
        var wholeDays = new[] { 0, 2, 3 };
        var retained = await RolledAsync(app, owner, plant);
        Assert.Equal(wholeDays.Select(i => changed[i]), wholeDays.Select(i => retained[i]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnotherTenantCannotSeeOrTouchTheRollUps(DatabaseProvider provider)
    {
        var (app, owner, plant, device) = await SetUpAsync(provider);
        await StoreAsync(app, Timeline(device));
        await RolledAsync(app, owner, plant);
        var rows = await RollUpCountAsync(app, owner);
        Assert.True(rows > 0);
        var weeks = await WeekRowsAsync(app, owner);
        Assert.Contains(weeks, w => w.StartsWith($"{F.AddDays(3).UtcTicks}|", StringComparison.Ordinal)); // the week from Monday F+3, with downtime rows

        var other = await ApiSession.SignUpAsync(app);
        await using (var db = Contexts(app).Create(DataScope.ForTenant(other.TenantId)))
        {
            Assert.Equal(0, await db.MachinePlannedDays.CountAsync(Ct));
            Assert.Equal(0, await db.MachineDowntimeDays.CountAsync(Ct));
            Assert.Equal(0, await db.MachineDowntimeDays.Where(d => d.MachineId == plant.Machine).ExecuteDeleteAsync(Ct));
            Assert.Equal(0, await db.MachinePlannedDays.Where(d => d.MachineId == plant.Machine).ExecuteDeleteAsync(Ct));
            Assert.Equal(0, await db.MachinePlannedDays.Where(d => d.MachineId == plant.Machine).ExecuteUpdateAsync(s => s.SetProperty(d => d.RunTicks, 1), Ct));
            Assert.Equal(0, await db.MachinePlannedWeeks.CountAsync(Ct));
            Assert.Equal(0, await db.MachineDowntimeWeeks.CountAsync(Ct));
            Assert.Equal(0, await db.MachinePlannedWeeks.Where(w => w.MachineId == plant.Machine).ExecuteUpdateAsync(s => s.SetProperty(w => w.RunTicks, 1), Ct));
            Assert.Equal(0, await db.MachineDowntimeWeeks.Where(w => w.MachineId == plant.Machine).ExecuteDeleteAsync(Ct));
            Assert.Equal(0, await db.MachinePlannedWeeks.Where(w => w.MachineId == plant.Machine).ExecuteDeleteAsync(Ct));
            // Nor can it read them through its own KPIs: the machine is not its own.
            var data = await KpiData.LoadAsync(db, [plant.Machine], Windows[0], DateTimeOffset.UtcNow, perBucket: false, Ct);
            Assert.Empty(data.MachineIds);
        }
        Assert.Equal(rows, await RollUpCountAsync(app, owner));
        Assert.True(await DowntimeRollUpCountAsync(app, owner) > 0);
        Assert.Equal(weeks, await WeekRowsAsync(app, owner));
    }

    /// <summary>
    /// A window starting at UTC midnight, exactly where a shift starts: a breakdown carried into that shift from the
    /// unplanned time before it began before the window, so the window does not count it (the roll-up of that day does,
    /// for windows starting earlier).
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AWindowStartingOnAShiftStartAtUtcMidnightDoesNotCountTheCarriedBreakdown(DatabaseProvider provider)
    {
        var (app, owner, plant, device) = await SetUpAsync(provider);
        // Europe/Berlin is UTC+1 until 2026-03-29: Monday 01:00 local is 00:00 UTC.
        await PutShiftsAsync(owner, plant,
        [
            new { day = "Sunday", start = "15:00:00", end = "23:00:00", kind = "Production", name = "Sunday" },
            new { day = "Monday", start = "01:00:00", end = "09:00:00", kind = "Production", name = "Night" },
            new { day = "Tuesday", start = "01:00:00", end = "09:00:00", kind = "Production", name = "Night" },
        ]);
        await StoreAsync(app,
        [
            device.State(F.AddDays(2).AddHours(12), MachineState.Running),
            device.Count(F.AddDays(2).AddHours(15), 10, 1),
            device.State(F.AddDays(2).AddHours(22).AddMinutes(30), MachineState.Down, "carried"),
            device.State(F.AddDays(3).AddHours(1), MachineState.Running),
            device.Count(F.AddDays(3).AddHours(2), 10, 1),
            device.State(F.AddDays(4).AddHours(3), MachineState.Down, "jam"),
            device.State(F.AddDays(4).AddHours(3).AddMinutes(20), MachineState.Running),
        ]);
        TimeWindow[] windows = [new(F.AddDays(3), F.AddDays(6)), new(F.AddDays(2), F.AddDays(6))];
        var composed = await LoadAsync(app, owner, plant, composed: true, windows: windows);
        Assert.Equal(1, composed[0].Totals.BreakdownEpisodes); // the jam only
        Assert.Equal(2, composed[1].Totals.BreakdownEpisodes);
        Assert.Contains("Reason = carried, Seconds = 3600, Episodes = 0", composed[0].Pareto, StringComparison.Ordinal); // its planned hour, not its episode
        Assert.Contains("Reason = carried, Seconds = 3600, Episodes = 1", composed[1].Pareto, StringComparison.Ordinal);
        Assert.Equal(composed, await LoadAsync(app, owner, plant, composed: false, windows: windows));
        Assert.Equal(composed, await LoadAsync(app, owner, plant, composed: false, windows: windows));
        // Weekly trend steps starting on that Monday (the step's first planned start is the window's).
        foreach (var window in windows.Append(new TimeWindow(F.AddDays(-4), F.AddDays(17))))
            Assert.Equal(await SteppedAsync(app, owner, plant, window, composed: true), await SteppedAsync(app, owner, plant, window, composed: false));
    }

    /// <summary>
    /// The roll-up job (<see cref="PlannedDayRollupJob"/>) builds every whole past day ahead of reads: a read of 40 or
    /// 365 days then writes nothing and gives exactly the composed figures; a day the processor invalidated (late message)
    /// and the days under a changed calendar are built again by the next pass; another tenant's rows are not touched.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheJobBuildsEveryWholePastDayAheadOfReads(DatabaseProvider provider)
    {
        var (app, owner, plant, device) = await SetUpAsync(provider);
        var (_, other, otherPlant, otherDevice) = await SetUpAsync(provider);
        await StoreAsync(app, Timeline(device));
        await StoreAsync(app, Timeline(otherDevice));
        var job = Job(app, new PlannedDayRollupOptions { Pause = TimeSpan.Zero });
        var backfill = new PlannedDayRollupOptions().BackfillDays;

        Assert.Equal(backfill, await job.RunAsync(owner.TenantId, Ct));
        Assert.Equal(0, await RollUpCountAsync(app, other)); // only the tenant's pass ran
        Assert.Equal(0, await job.RunAsync(owner.TenantId, Ct)); // nothing missing any more
        var today = BucketSize.Day.StartOf(DateTimeOffset.UtcNow);
        var windows = Windows.Concat([new TimeWindow(F.AddDays(-13), F.AddDays(27)), new TimeWindow(today.AddDays(-365), today)]).ToArray();
        await AssertReadAheadAsync(app, owner, plant, windows, backfill);
        // Local-day steps (the dashboards' trend up to 92 days): a UTC day whose shifts all lie inside one local day is
        // that step's roll-up; the Saturday night shift crosses local midnight, so its days are composed.
        foreach (var window in windows.Take(5).Append(new TimeWindow(F.AddDays(-13), F.AddDays(27))))
        {
            Assert.Equal(await SteppedAsync(app, owner, plant, window, composed: true, steps: LocalDays),
                await SteppedAsync(app, owner, plant, window, composed: false, steps: LocalDays));
        }
        // Tuesday F+4 (local day 23:00 to 23:00 UTC, shifts 05:00 to 21:00 UTC) is read from its roll-up, not its buckets.
        var localDays = new TimeWindow(F.AddDays(-13), F.AddDays(27));
        var tuesday = $"{new TimeWindow(F.AddDays(3).AddHours(23), F.AddDays(4).AddHours(23))}: ";
        var fromRollUps = await SteppedAsync(app, owner, plant, localDays, composed: false, steps: LocalDays);
        var tuesdayWithoutBuckets = await SteppedAsync(app, owner, plant, localDays, composed: false, steps: LocalDays, before: async db =>
            Assert.True(await db.MachineBuckets.Where(b => b.MachineId == plant.Machine && b.Start >= F.AddDays(4) && b.Start < F.AddDays(5)).ExecuteDeleteAsync(Ct) > 0));
        Assert.Equal(fromRollUps.Single(r => r.StartsWith(tuesday, StringComparison.Ordinal)), tuesdayWithoutBuckets.Single(r => r.StartsWith(tuesday, StringComparison.Ordinal)));
        Assert.Contains(fromRollUps, r => r.StartsWith(tuesday, StringComparison.Ordinal) && !r.Contains("RunSeconds = 0,", StringComparison.Ordinal));
        // The week from Monday F+3 is read from its seven roll-ups, not from its buckets: without them (deleted in a
        // transaction rolled back) every step, the window and the Pareto are unchanged. Only the downtime minutes that
        // carry a breakdown into a shift start stay: the Pareto counts those episodes from the buckets.
        var rolledWeeks = await SteppedAsync(app, owner, plant, windows[5], composed: false);
        var withoutBuckets = await SteppedAsync(app, owner, plant, windows[5], composed: false, before: async db =>
        {
            Assert.True(await db.MachineBuckets.Where(b => b.MachineId == plant.Machine && b.Start >= F.AddDays(3) && b.Start < F.AddDays(10)).ExecuteDeleteAsync(Ct) > 0);
            Assert.True(await db.MachineDowntimeBuckets.Where(b => b.MachineId == plant.Machine && b.Start >= F.AddDays(3) && b.Start < F.AddDays(10)
                && b.CarriedBreakdowns == 0 && b.BreakdownTicks > 0).ExecuteDeleteAsync(Ct) > 0);
        });
        Assert.Equal(rolledWeeks, withoutBuckets);
        Assert.Contains(rolledWeeks, r => r.StartsWith("ParetoEntry", StringComparison.Ordinal));
        // ... and from its one week roll-up, not its seven days: without them and without the buckets, unchanged too.
        var withoutDays = await SteppedAsync(app, owner, plant, windows[5], composed: false, before: async db =>
        {
            Assert.Equal(7, await db.MachinePlannedDays.Where(d => d.MachineId == plant.Machine && d.Day >= F.AddDays(3) && d.Day < F.AddDays(10)).ExecuteDeleteAsync(Ct));
            Assert.True(await db.MachineDowntimeDays.Where(d => d.MachineId == plant.Machine && d.Day >= F.AddDays(3) && d.Day < F.AddDays(10)).ExecuteDeleteAsync(Ct) > 0);
            Assert.True(await db.MachineBuckets.Where(b => b.MachineId == plant.Machine && b.Start >= F.AddDays(3) && b.Start < F.AddDays(10)).ExecuteDeleteAsync(Ct) > 0);
            Assert.True(await db.MachineDowntimeBuckets.Where(b => b.MachineId == plant.Machine && b.Start >= F.AddDays(3) && b.Start < F.AddDays(10)
                && b.CarriedBreakdowns == 0 && b.BreakdownTicks > 0).ExecuteDeleteAsync(Ct) > 0);
        });
        Assert.Equal(rolledWeeks, withoutDays);

        // A late message deletes its day's roll-up; the next pass builds it again.
        await StoreAsync(app, [device.State(F.AddDays(5).AddHours(9).AddMinutes(13), MachineState.Down, "late"), device.Count(F.AddDays(5).AddHours(10), 7, 1)]);
        Assert.Equal(backfill - 1, await RollUpCountAsync(app, owner));
        Assert.Equal(1, await job.RunAsync(owner.TenantId, Ct));
        await AssertReadAheadAsync(app, owner, plant, windows, backfill);

        // Another calendar: every day under the new key.
        await PutShiftsAsync(owner, plant,
        [
            new { day = "Monday", start = "07:00:00", end = "15:30:00", kind = "Production", name = "Day" },
            new { day = "Wednesday", start = "07:00:00", end = "15:30:00", kind = "Production", name = "Day" },
            new { day = "Wednesday", start = "11:45:00", end = "12:15:00", kind = "PlannedBreak", name = "Lunch" },
        ]);
        Assert.Equal(backfill, await job.RunAsync(owner.TenantId, Ct));
        await AssertReadAheadAsync(app, owner, plant, windows, backfill);

        // The other tenant's pass builds its own; the owner's rows stay as they were.
        var before = await RollUpRowsAsync(app, owner);
        Assert.Equal(backfill, await job.RunAsync(other.TenantId, Ct));
        Assert.Equal(before, await RollUpRowsAsync(app, owner));
        await AssertReadAheadAsync(app, other, otherPlant, windows, backfill);
    }

    /// <summary>
    /// The job's transactions are small (here 5 days of one machine) with pauses between: the telemetry store writes
    /// the same machine's data while a backfill runs, without waiting for it to finish. On SQLite the pause is at least
    /// the driver's busy-retry interval: with 100 ms a waiting store could miss every gap (it failed so in a full run).
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheStoreWritesBetweenTheJobsBatches(DatabaseProvider provider)
    {
        var (app, owner, _, device) = await SetUpAsync(provider);
        await StoreAsync(app, Timeline(device));
        // 400 days in batches of 5 with 100 ms pauses (200 ms on SQLite): at least 8 s of pauses alone.
        var backfill = Job(app, new PlannedDayRollupOptions { DaysPerBatch = 5, Pause = TimeSpan.FromMilliseconds(100) }).RunAsync(owner.TenantId, Ct);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
            await StoreAsync(app, [device.Count(now.AddSeconds(-10 + i), 3, 0), device.State(now.AddSeconds(-10 + i).AddMilliseconds(500), i % 2 == 0 ? MachineState.Down : MachineState.Running)]);
        Assert.False(backfill.IsCompleted, $"the store's writes waited for the whole backfill ({backfill.Status}: {backfill.Exception?.InnerException?.Message})");
        Assert.Equal(new PlannedDayRollupOptions().BackfillDays, await backfill);
    }

    /// <summary>
    /// Every whole past day is rolled up before the reads, and the reads (roll-ups) equal the composition exactly
    /// without writing a row.
    /// </summary>
    private static async Task AssertReadAheadAsync(FactoryCloudApp app, ApiSession owner, TestPlant plant, TimeWindow[] windows, int rows)
    {
        var before = await RollUpRowsAsync(app, owner);
        Assert.Equal(rows, before.Count);
        var weeksBefore = await WeekRowsAsync(app, owner);
        var yesterday = BucketSize.Day.StartOf(DateTimeOffset.UtcNow).AddDays(-1);
        Assert.Equal(PlannedWeeks.Within(Enumerable.Range(0, rows).Select(i => yesterday.AddDays(-i)).ToList()).Count, weeksBefore.Count(w => !w.Contains("|reason:", StringComparison.Ordinal)));
        var now = DateTimeOffset.UtcNow;
        foreach (var window in windows)
            Assert.All(PlannedDays.Days(window, now), day => Assert.Contains(before, r => r.StartsWith($"{day.UtcTicks}|", StringComparison.Ordinal)));
        Assert.Equal(await LoadAsync(app, owner, plant, composed: true, windows: windows), await LoadAsync(app, owner, plant, composed: false, windows: windows));
        foreach (var window in windows)
            Assert.Equal(await SteppedAsync(app, owner, plant, window, composed: true), await SteppedAsync(app, owner, plant, window, composed: false));
        Assert.Equal(before, await RollUpRowsAsync(app, owner));
        Assert.Equal(weeksBefore, await WeekRowsAsync(app, owner));
    }

    /// <summary>The tenant's week roll-ups as "week|key|machine|run ticks|good" and their downtime as "week|key|machine|reason:r|ticks|episodes", in order.</summary>
    private static async Task<List<string>> WeekRowsAsync(FactoryCloudApp app, ApiSession owner)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        var weeks = await db.MachinePlannedWeeks.AsNoTracking().Select(w => new { w.Week, w.Key, w.MachineId, w.RunTicks, w.GoodCount }).ToListAsync(Ct);
        var downtime = await db.MachineDowntimeWeeks.AsNoTracking().Select(w => new { w.Week, w.Key, w.MachineId, w.Reason, w.BreakdownTicks, w.BreakdownEpisodes }).ToListAsync(Ct);
        return weeks.Select(r => $"{r.Week.UtcTicks}|{r.Key}|{r.MachineId}|{r.RunTicks}|{r.GoodCount}")
            .Concat(downtime.Select(r => $"{r.Week.UtcTicks}|{r.Key}|{r.MachineId}|reason:{r.Reason}|{r.BreakdownTicks}|{r.BreakdownEpisodes}"))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A dashboard's load (weekly or other trend steps, Pareto): every step's totals, the window's and the Pareto, from
    /// roll-ups (<paramref name="composed"/> false: the whole past UTC days whose planned part lies inside a step) or
    /// composed from buckets only (true). <paramref name="before"/> changes the data in a transaction rolled back after.
    /// </summary>
    private static async Task<List<string>> SteppedAsync(
        FactoryCloudApp app, ApiSession owner, TestPlant plant, TimeWindow window, bool composed, Func<AppDbContext, Task>? before = null,
        Func<TimeWindow, IReadOnlyList<TimeWindow>>? steps = null)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        await using var transaction = before is not null ? await db.Database.BeginTransactionAsync(Ct) : null;
        if (before is not null) await before(db);
        static IReadOnlyList<TimeWindow> Weeks(TimeWindow evaluated)
        {
            var steps = new List<TimeWindow>();
            for (var week = BucketSize.Week.StartOf(evaluated.Start); week < evaluated.End; week += BucketSize.Week.Length())
                steps.Add(new TimeWindow(week < evaluated.Start ? evaluated.Start : week, week + BucketSize.Week.Length()));
            return steps;
        }
        steps ??= Weeks;
        var data = await KpiData.LoadAsync(db, [plant.Machine], window, DateTimeOffset.UtcNow, perBucket: false, Ct, downtime: true, steps: steps,
            useRollUps: !composed);
        Assert.Equal(1, data.FromBucketSums);
        var result = steps(data.Evaluated).Select(step => $"{step}: {data.Totals(plant.Machine, step)}").ToList();
        result.Add($"window: {data.Totals(plant.Machine)}");
        result.AddRange(DowntimePareto.Build(data.Downtime([plant.Machine])).Select(d => d.ToString()));
        if (transaction is not null) await transaction.RollbackAsync(Ct);
        return result;
    }

    /// <summary>The site's local days (Europe/Berlin) from the window's start, as the dashboards step windows up to 92 days.</summary>
    private static IReadOnlyList<TimeWindow> LocalDays(TimeWindow evaluated)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        DateTimeOffset Midnight(DateTime local) => new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        var steps = new List<TimeWindow>();
        var day = TimeZoneInfo.ConvertTime(evaluated.Start, zone).Date;
        for (var start = evaluated.Start; start < evaluated.End; day = day.AddDays(1))
        {
            var end = Midnight(day.AddDays(1));
            steps.Add(new TimeWindow(start, end));
            start = end;
        }
        return steps;
    }

    private static PlannedDayRollupJob Job(FactoryCloudApp app, PlannedDayRollupOptions options) =>
        ActivatorUtilities.CreateInstance<PlannedDayRollupJob>(app.Services, Microsoft.Extensions.Options.Options.Create(options));

    /// <summary>The tenant's roll-ups as "day|key|machine|run ticks|good", in order.</summary>
    private static async Task<List<string>> RollUpRowsAsync(FactoryCloudApp app, ApiSession owner)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        var rows = await db.MachinePlannedDays.AsNoTracking().Select(d => new { d.Day, d.Key, d.MachineId, d.RunTicks, d.GoodCount }).ToListAsync(Ct);
        return rows.Select(r => $"{r.Day.UtcTicks}|{r.Key}|{r.MachineId}|{r.RunTicks}|{r.GoodCount}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Two weeks of a machine changing state every 7 to 47 minutes (fixed seed), with counts, breakdowns carried into
    /// shift starts from before the shift and from before the window, and repeated states.
    /// </summary>
    private static List<AcceptedTelemetry> Timeline(TelemetryTestDevice device)
    {
        var random = new Random(12);
        var messages = new List<AcceptedTelemetry>();
        var states = new[] { MachineState.Running, MachineState.Running, MachineState.Down, MachineState.Idle, MachineState.Changeover, MachineState.PlannedStop };
        var reasons = new[] { "jam", "motor", "tool" };
        var at = F.AddHours(-6);
        var end = F.AddDays(14).AddHours(6);
        // Carried into shift starts: Monday 05:00 UTC from 04:40, Monday 2026-03-30 04:00 UTC (summer time) from
        // 23:50 the evening before (before the window starting at midnight), the Saturday night shift from 20:30 UTC.
        var fixedDowns = new[] { F.AddDays(3).AddHours(4).AddMinutes(40), F.AddDays(9).AddHours(23).AddMinutes(50), F.AddDays(8).AddHours(20).AddMinutes(30) };
        while (at < end)
        {
            var state = states[random.Next(states.Length)];
            messages.Add(device.State(at, state, state == MachineState.Down ? reasons[random.Next(reasons.Length)] : null));
            if (random.Next(5) == 0) messages.Add(device.State(at.AddMinutes(1).AddSeconds(random.Next(50)), state, state == MachineState.Down ? "jam" : null));
            messages.Add(device.Count(at.AddMinutes(2), random.Next(1, 20), random.Next(3)));
            at = at.AddMinutes(random.Next(7, 48)).AddSeconds(random.Next(60));
        }
        foreach (var down in fixedDowns)
        {
            messages.RemoveAll(m => m.Channel == TelemetryChannel.State && m.Timestamp > down && m.Timestamp < down.AddHours(1).AddMinutes(30));
            messages.Add(device.State(down, MachineState.Down, "carried"));
            messages.Add(device.State(down.AddHours(1).AddMinutes(25), MachineState.Running));
        }
        return messages;
    }

    private async Task<(FactoryCloudApp App, ApiSession Owner, TestPlant Plant, TelemetryTestDevice Device)> SetUpAsync(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        var weekdays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };
        await PutShiftsAsync(owner, plant,
        [
            .. weekdays.Select(day => new { day, start = "06:00:00", end = "14:00:00", kind = "Production", name = "Early" }),
            .. weekdays.Select(day => new { day, start = "14:00:00", end = "22:00:00", kind = "Production", name = "Late" }),
            .. weekdays.Select(day => new { day, start = "09:00:00", end = "09:30:00", kind = "PlannedBreak", name = "Break" }),
            .. weekdays.Select(day => new { day, start = "18:10:00", end = "18:40:00", kind = "PlannedBreak", name = "Dinner" }),
            new { day = "Saturday", start = "22:00:00", end = "06:00:00", kind = "Production", name = "Weekend night" },
        ]);
        return (app, owner, plant, new TelemetryTestDevice(owner.TenantId, plant.Machine));
    }

    private static async Task PutShiftsAsync(ApiSession owner, TestPlant plant, object[] shifts)
    {
        var site = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}",
            new { key = "plant-1", name = "Plant 1", timeZone = "Europe/Berlin", shifts }, Ct);
        Assert.True(site.IsSuccessStatusCode, await site.Content.ReadAsStringAsync(Ct));
    }

    private static async Task StoreAsync(FactoryCloudApp app, IReadOnlyList<AcceptedTelemetry> messages)
    {
        var result = await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, Ct);
        Assert.Equal(messages.Count, result.Applied);
    }

    private static AppDbContextFactory Contexts(FactoryCloudApp app) => app.Services.GetRequiredService<AppDbContextFactory>();

    /// <summary>A window's totals and its downtime Pareto (empty when loaded without).</summary>
    private sealed record Loaded(KpiTotals Totals, string Pareto);

    /// <summary>Every window's totals and Pareto as the roll-ups give them (materialised on the first read).</summary>
    private static Task<List<Loaded>> RolledAsync(FactoryCloudApp app, ApiSession owner, TestPlant plant) =>
        LoadAsync(app, owner, plant, composed: false);

    /// <summary>Every window's totals and Pareto composed from hour and minute buckets.</summary>
    private static Task<List<Loaded>> ComposedAsync(FactoryCloudApp app, ApiSession owner, TestPlant plant) =>
        LoadAsync(app, owner, plant, composed: true);

    /// <summary>Whole-window loads from roll-ups, or (<paramref name="composed"/>) from buckets only.</summary>
    private static async Task<List<Loaded>> LoadAsync(
        FactoryCloudApp app, ApiSession owner, TestPlant plant, bool composed, bool downtime = true, TimeWindow[]? windows = null)
    {
        var result = new List<Loaded>();
        foreach (var window in windows ?? Windows)
        {
            await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
            var data = await KpiData.LoadAsync(db, [plant.Machine], window, DateTimeOffset.UtcNow, perBucket: false, Ct, downtime: downtime, useRollUps: !composed);
            Assert.Equal(1, data.FromBucketSums);
            var pareto = downtime ? string.Join("; ", DowntimePareto.Build(data.Downtime([plant.Machine]))) : "";
            result.Add(new Loaded(data.Totals(plant.Machine), pareto));
        }
        return result;
    }

    private static async Task<int> DowntimeRollUpCountAsync(FactoryCloudApp app, ApiSession owner)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        return await db.MachineDowntimeDays.CountAsync(Ct);
    }

    private static async Task<int> RollUpCountAsync(FactoryCloudApp app, ApiSession owner)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        return await db.MachinePlannedDays.CountAsync(Ct);
    }
}

using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Quotas;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>Settings under <c>RollUps</c>.</summary>
public sealed class PlannedDayRollupOptions
{
    public const string Section = "RollUps";

    /// <summary>How often the job looks for missing roll-ups (the first pass is this long after start): yesterday's are built within this long after UTC midnight.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many whole past UTC days are kept rolled up, newest first (never older than the tenant's minute-bucket retention).</summary>
    public int BackfillDays { get; set; } = 400;

    /// <summary>Consecutive days per transaction (at most 31, what <see cref="PlannedDays"/> builds in one).</summary>
    public int DaysPerBatch { get; set; } = 31;

    /// <summary>Machines per transaction: their rows are locked (as the processor locks them) while their days are composed.</summary>
    public int MachinesPerBatch { get; set; } = 1;

    /// <summary>
    /// The pause after every transaction, so the telemetry store's transactions come between; on SQLite at least
    /// <see cref="SqliteWriterGap.Length"/> (see there), whatever is set.
    /// </summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The pause to take on SQLite (<paramref name="sqlite"/>) or PostgreSQL.</summary>
    public TimeSpan PauseFor(bool sqlite) => SqliteWriterGap.AtLeast(Pause, sqlite);

    public void Validate()
    {
        if (Interval <= TimeSpan.Zero) throw new InvalidSettingException("RollUps:Interval must be positive, e.g. 00:10:00.");
        if (BackfillDays is < 1 or > 11_000) throw new InvalidSettingException("RollUps:BackfillDays must be between 1 and 11000.");
        if (DaysPerBatch is < 1 or > 31) throw new InvalidSettingException("RollUps:DaysPerBatch must be between 1 and 31.");
        if (MachinesPerBatch is < 1 or > 1000) throw new InvalidSettingException("RollUps:MachinesPerBatch must be between 1 and 1000.");
        if (Pause < TimeSpan.Zero || Pause > TimeSpan.FromMinutes(1)) throw new InvalidSettingException("RollUps:Pause must be between 00:00:00 and 00:01:00.");
    }
}

/// <summary>
/// Builds planned-time roll-ups (<see cref="PlannedDays"/>, and the weeks of <see cref="PlannedWeeks"/>) ahead of reads, so the first read of a long window finds its
/// whole past days rolled up instead of composing them (83 s for a year of 200 machines, see docs/decisions/0008).
/// Per tenant and site with a shift calendar, the days from yesterday back to <see cref="PlannedDayRollupOptions.BackfillDays"/>
/// (never older than the tenant's minute-bucket retention: older days were rolled up by retention before their minutes
/// went, and could not be composed exactly again), newest first, in transactions of at most
/// <see cref="PlannedDayRollupOptions.DaysPerBatch"/> days and <see cref="PlannedDayRollupOptions.MachinesPerBatch"/>
/// machines, each followed by a pause: the processor waits at most for one such transaction on a machine's row lock.
/// The rows are those a read would write (<see cref="PlannedDays.EnsureAsync"/>, the one rule): days the processor
/// invalidated (a late message) and days under a changed key (calendar, time zone, loss settings) are built again on the
/// next pass. Several instances may run it at once: <see cref="PlannedDays.EnsureAsync"/> takes the machines' row locks
/// and re-reads what exists under them (PostgreSQL), so two passes take turns and the second writes nothing; SQLite has
/// one process and one writer.
/// </summary>
public sealed class PlannedDayRollupJob(
    AppDbContextFactory contexts, IOptions<PlannedDayRollupOptions> options, TimeProvider clock, ILogger<PlannedDayRollupJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(options.Value.Interval, clock, logger, "The roll-up job", async ct =>
        {
            var written = await RunAsync(ct);
            if (written > 0) logger.LogInformation("Planned-time roll-ups: {Rows} machine days built", written);
        }, stoppingToken);

    /// <summary>How long a transaction of the job waits for SQLite's write lock before its pass fails.</summary>
    private const int SqliteLockWaitSeconds = 300;

    /// <summary>One pass over every tenant; returns how many day roll-ups were written (weeks are summed from them).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var shared = contexts.Create(DataScope.None))
            tenants = await shared.Tenants.Select(t => t.Id).ToListAsync(ct);
        var total = 0;
        foreach (var tenant in tenants) total += await RunAsync(tenant, ct);
        return total;
    }

    /// <summary>One tenant's pass: the missing day roll-ups, then the weeks summed from them; returns how many day roll-ups were written.</summary>
    public async Task<int> RunAsync(Guid tenantId, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        // SQLite: a writer waiting for the one write lock tries again at least every 100 ms, so writes that follow each other without
        // a gap (the processor under a backlog) can leave it waiting past the driver's 30 s and fail the pass. Building
        // a cache in the background, the job waits its turn longer instead (a request's writes keep the 30 s).
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite) sqlite.DefaultTimeout = SqliteLockWaitSeconds;
        var plan = await QuotaUsageReader.PlanRowAsync(db, ct);
        var yesterday = BucketSize.Day.StartOf(now).AddDays(-1);
        var oldest = DataRetention.MinuteBucketCutoff(now, plan?.MinuteBucketRetentionDays ?? DataRetention.DefaultMinuteBucketDays);
        if (oldest < yesterday.AddDays(1 - o.BackfillDays)) oldest = yesterday.AddDays(1 - o.BackfillDays);
        if (oldest > yesterday) return 0;

        var pause = o.PauseFor(db.Database.IsSqlite());
        var written = 0;
        foreach (var (calendar, key, machineIds) in await PlannedDays.SitesAsync(db, ct))
        {
            var present = (await db.MachinePlannedDays.AsNoTracking()
                    .Where(d => machineIds.Contains(d.MachineId) && d.Key == key && d.Day >= oldest && d.Day <= yesterday)
                    .Select(d => new { d.MachineId, d.Day }).ToListAsync(ct))
                .Select(d => (d.MachineId, d.Day)).ToHashSet();

            // Newest first: yesterday for every machine, then the 31 days before, and so on.
            for (var chunkEnd = yesterday; chunkEnd >= oldest; chunkEnd = chunkEnd.AddDays(-o.DaysPerBatch))
            {
                var chunk = Enumerable.Range(0, o.DaysPerBatch).Select(i => chunkEnd.AddDays(-i)).Where(d => d >= oldest).Reverse().ToList();
                foreach (var batch in machineIds.Chunk(o.MachinesPerBatch))
                {
                    var days = chunk.Where(d => batch.Any(m => !present.Contains((m, d)))).ToList();
                    if (days.Count == 0) continue;
                    written += await PlannedDays.EnsureAsync(db, batch.ToList(), calendar, key, days, ct);
                    if (pause > TimeSpan.Zero) await Task.Delay(pause, clock, ct);
                }
            }

            // Then the weeks summed from those days (a year's weekly trend reads them).
            var weeks = PlannedWeeks.Within(Enumerable.Range(0, (int)(yesterday - oldest).TotalDays + 1).Select(i => oldest.AddDays(i)).ToList());
            if (weeks.Count == 0) continue;
            var (firstWeek, lastWeek) = (weeks[0], weeks[^1]);
            var presentWeeks = (await db.MachinePlannedWeeks.AsNoTracking()
                    .Where(w => machineIds.Contains(w.MachineId) && w.Key == key && w.Week >= firstWeek && w.Week <= lastWeek)
                    .Select(w => new { w.MachineId, w.Week }).ToListAsync(ct))
                .Select(w => (w.MachineId, w.Week)).ToHashSet();
            foreach (var batch in machineIds.Chunk(o.MachinesPerBatch))
            {
                var missing = weeks.Where(w => batch.Any(m => !presentWeeks.Contains((m, w)))).ToList();
                if (missing.Count == 0) continue;
                await PlannedWeeks.EnsureAsync(db, batch.ToList(), calendar, key, missing, ct);
                if (pause > TimeSpan.Zero) await Task.Delay(pause, clock, ct);
            }
        }
        return written;
    }
}

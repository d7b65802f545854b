using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Quotas;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>Settings under <c>Retention</c>.</summary>
public sealed class DataRetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How often the job runs (the first run is this long after start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Raw events deleted per statement (each statement is its own short transaction).</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// The pause after every statement, so the telemetry store's transactions come between; on SQLite (the one writer)
    /// at least <see cref="SqliteWriterGap.Length"/>, whatever is set.
    /// </summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>
/// Deletes each tenant's telemetry past its retention (<see cref="TenantPlan"/>): raw events whose <c>ts</c> is older
/// than N days, and minute buckets (and minute downtime buckets) of whole UTC days older than M days. Hour, day and week
/// buckets hold the same exact sums and stay, so KPIs over whole hours are unchanged; the state timeline stays too.
/// Work is bounded: raw events go <see cref="DataRetentionOptions.BatchSize"/> at a time, minute buckets one machine and
/// UTC day (at most 1,440 rows a table) at a time, each statement its own transaction followed by a pause, so the
/// telemetry store never waits for more than one small statement. Minute downtime rows that carry a breakdown into a
/// whole hour are kept (the carry a shift starting on the hour needs). Before a day's minute buckets go, the machine's
/// planned-time roll-up of that day is written (<see cref="PlannedDays"/>), so KPIs under the site's current shift
/// calendar stay exact over whole past days. Several instances may run it at once: a delete
/// of rows already gone deletes nothing.
/// </summary>
public sealed class DataRetentionJob(
    AppDbContextFactory contexts, IOptions<DataRetentionOptions> options, TimeProvider clock, ILogger<DataRetentionJob> logger) : BackgroundService
{
    public sealed record Removed(long RawEvents, long MinuteBuckets, long MinuteDowntimeBuckets)
    {
        public static Removed operator +(Removed a, Removed b) =>
            new(a.RawEvents + b.RawEvents, a.MinuteBuckets + b.MinuteBuckets, a.MinuteDowntimeBuckets + b.MinuteDowntimeBuckets);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(options.Value.Interval, clock, logger, "The retention job", async ct =>
        {
            var removed = await RunAsync(ct);
            if (removed.RawEvents + removed.MinuteBuckets + removed.MinuteDowntimeBuckets > 0)
                logger.LogInformation("Retention removed {RawEvents} raw events, {MinuteBuckets} minute buckets and {DowntimeBuckets} minute downtime buckets",
                    removed.RawEvents, removed.MinuteBuckets, removed.MinuteDowntimeBuckets);
        }, stoppingToken);

    /// <summary>One full pass over every tenant.</summary>
    public async Task<Removed> RunAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var shared = contexts.Create(DataScope.None))
            tenants = await shared.Tenants.Select(t => t.Id).ToListAsync(ct);
        var total = new Removed(0, 0, 0);
        foreach (var tenant in tenants) total += await RunAsync(tenant, ct);
        return total;
    }

    /// <summary>One tenant's pass.</summary>
    public async Task<Removed> RunAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var plan = await QuotaUsageReader.PlanRowAsync(db, ct);
        var rawCutoff = DataRetention.RawEventCutoff(now, plan?.RawEventRetentionDays ?? DataRetention.DefaultRawEventDays);
        var minuteCutoff = DataRetention.MinuteBucketCutoff(now, plan?.MinuteBucketRetentionDays ?? DataRetention.DefaultMinuteBucketDays);
        var raw = await DeleteRawEventsAsync(db, rawCutoff, ct);
        var (buckets, downtime) = await DeleteMinuteBucketsAsync(db, minuteCutoff, ct);
        return new Removed(raw, buckets, downtime);
    }

    private async Task<long> DeleteRawEventsAsync(AppDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        var batch = Math.Max(1, options.Value.BatchSize);
        long total = 0;
        int deleted;
        do
        {
            var ids = db.TelemetryEvents.Where(e => e.Timestamp < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(batch);
            deleted = await db.TelemetryEvents.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
            total += deleted;
            await PauseAsync(ct);
        } while (deleted == batch);
        return total;
    }

    private async Task<(long Buckets, long Downtime)> DeleteMinuteBucketsAsync(AppDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        long buckets = 0, downtime = 0;
        var machineIds = await db.Machines.Select(m => m.Id).ToListAsync(ct);
        foreach (var machineId in machineIds)
        {
            var day = await FirstMinuteDayAsync(db, machineId, DateTimeOffset.MinValue, cutoff, ct);
            while (day is { } start && start < cutoff)
            {
                var end = start.AddDays(1);
                var hours = Enumerable.Range(0, 24).Select(h => start.AddHours(h)).ToList();
                // The day's planned-time roll-up first: with a shift calendar, planned time is composed of minutes at
                // breaks and shift edges, which are about to go (see PlannedDays).
                if (end <= clock.GetUtcNow())
                {
                    await PlannedDays.EnsureBeforeRetentionAsync(db, machineId, start, ct);
                    await PauseAsync(ct);
                }
                buckets += await db.MachineBuckets
                    .Where(b => b.MachineId == machineId && b.Size == BucketSize.Minute && b.Start >= start && b.Start < end)
                    .ExecuteDeleteAsync(ct);
                await PauseAsync(ct);
                downtime += await db.MachineDowntimeBuckets
                    .Where(b => b.MachineId == machineId && b.Size == BucketSize.Minute && b.Start >= start && b.Start < end
                                && (b.CarriedBreakdowns == 0 || !hours.Contains(b.Start)))
                    .ExecuteDeleteAsync(ct);
                await PauseAsync(ct);
                day = await FirstMinuteDayAsync(db, machineId, end, cutoff, ct);
            }
        }
        return (buckets, downtime);
    }

    /// <summary>The UTC day of the machine's earliest deletable minute bucket from <paramref name="from"/> on (before the cutoff), if any.</summary>
    private static async Task<DateTimeOffset?> FirstMinuteDayAsync(
        AppDbContext db, Guid machineId, DateTimeOffset from, DateTimeOffset cutoff, CancellationToken ct)
    {
        var bucket = await db.MachineBuckets
            .Where(b => b.MachineId == machineId && b.Size == BucketSize.Minute && b.Start >= from && b.Start < cutoff)
            .OrderBy(b => b.Start).Select(b => (DateTimeOffset?)b.Start).FirstOrDefaultAsync(ct);
        var downtime = await db.MachineDowntimeBuckets
            .Where(b => b.MachineId == machineId && b.Size == BucketSize.Minute && b.Start >= from && b.Start < cutoff && b.CarriedBreakdowns == 0)
            .OrderBy(b => b.Start).Select(b => (DateTimeOffset?)b.Start).FirstOrDefaultAsync(ct);
        var first = bucket is null ? downtime : downtime is null ? bucket : bucket < downtime ? bucket : downtime;
        return first is { } at ? BucketSize.Day.StartOf(at) : null;
    }

    /// <summary>
    /// Between two writes. On SQLite a waiting writer tries again at least every 100 ms, so a shorter gap (the 50 ms default) lets a
    /// pass of back-to-back statements hold off the processor and requests until their 30 s timeout: at least
    /// <see cref="SqliteWriterGap.Length"/> there.
    /// </summary>
    private Task PauseAsync(CancellationToken ct) =>
        SqliteWriterGap.PauseAsync(options.Value.Pause, contexts.Provider == DatabaseProvider.Sqlite, clock, ct);
}

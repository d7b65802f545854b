using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Infrastructure.Quotas;

/// <summary>Reads a tenant's plan and its usage against each quota, on a context scoped to that tenant.</summary>
public sealed class QuotaUsageReader(IOptions<QuotaOptions> options, TimeProvider clock)
{
    public QuotaOptions Options => options.Value;

    /// <summary>The tenant's plan row (null: none yet, the defaults apply).</summary>
    public static Task<TenantPlan?> PlanRowAsync(AppDbContext db, CancellationToken ct) =>
        db.TenantPlans.AsNoTracking().FirstOrDefaultAsync(ct);

    public async Task<(string Plan, PlanLimits Limits)> LimitsAsync(AppDbContext db, CancellationToken ct)
    {
        var row = await PlanRowAsync(db, ct);
        return (options.Value.PlanName(row?.Plan), options.Value.LimitsOf(row?.Plan));
    }

    /// <summary>How much of <paramref name="quota"/> the tenant uses now, as the database holds it.</summary>
    public async Task<long> UsedAsync(AppDbContext db, Quota quota, CancellationToken ct) => quota switch
    {
        Quota.Sites => await db.Sites.LongCountAsync(ct),
        Quota.Machines => await db.Machines.LongCountAsync(ct),
        Quota.Devices => await db.Devices.LongCountAsync(d => d.RevokedAt == null, ct),
        Quota.Members => await MembersAsync(db, ct),
        Quota.MessagesPerDay => await StoredTodayAsync(db, Today(), ct),
        Quota.StorageBytes => await StorageBytesAsync(db, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(quota), quota, "Unknown quota."),
    };

    /// <summary>Members plus open invitations: an invitation holds a seat until it is accepted, revoked or expires.</summary>
    private async Task<long> MembersAsync(AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Memberships.LongCountAsync(ct)
            + await db.Invitations.LongCountAsync(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
    }

    public DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Messages stored with a <c>ts</c> on <paramref name="day"/> (UTC): the day buckets' message counts, one row per machine.</summary>
    public static async Task<long> StoredTodayAsync(AppDbContext db, DateOnly day, CancellationToken ct)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return await db.MachineBuckets.Where(b => b.Size == BucketSize.Day && b.Start == start).SumAsync(b => (long?)b.MessageCount, ct) ?? 0;
    }

    /// <summary>
    /// What the storage quota counts: stored raw telemetry (the length of the kept raw events' payloads, UTF-16 code
    /// units; the payloads are JSON, mostly ASCII) plus the uploaded files (<see cref="FileBytesAsync"/>).
    /// </summary>
    public static async Task<long> StorageBytesAsync(AppDbContext db, CancellationToken ct) =>
        (await db.TelemetryEvents.SumAsync(e => (long?)e.Payload.Length, ct) ?? 0) + await FileBytesAsync(db, ct);

    /// <summary>The bytes of the files uploaded to work items and as maturity evidence (rows that only name a link hold none).</summary>
    public static async Task<long> FileBytesAsync(AppDbContext db, CancellationToken ct) =>
        (await db.WorkItemAttachments.Where(a => a.StorageKey == AttachmentLocation.StoredFile).SumAsync(a => (long?)a.SizeBytes, ct) ?? 0)
        + (await db.MaturityEvidenceFiles.SumAsync(f => (long?)f.SizeBytes, ct) ?? 0);
}

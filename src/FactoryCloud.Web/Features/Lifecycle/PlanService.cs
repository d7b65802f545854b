using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Quotas;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>The current tenant's retention (any member reads it, the Owner changes it) and its plan usage.</summary>
public sealed class PlanService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, QuotaUsageReader reader, AuditLog audit, MessageQuota messages)
{
    public async Task<RetentionView> GetRetentionAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await QuotaUsageReader.PlanRowAsync(db, ct);
        return new RetentionView(row?.RawEventRetentionDays ?? DataRetention.DefaultRawEventDays,
            row?.MinuteBucketRetentionDays ?? DataRetention.DefaultMinuteBucketDays);
    }

    public async Task<OperationResult<RetentionView>> SaveRetentionAsync(RetentionRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (current.Role != TenantRole.Owner) return Failure.Forbidden("Only Owners can change how long data is kept.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.TenantPlans.FirstOrDefaultAsync(ct);
        if (row is null) db.TenantPlans.Add(row = new TenantPlan());
        row.RawEventRetentionDays = request.RawEventDays;
        row.MinuteBucketRetentionDays = request.MinuteBucketDays;
        await audit.AddAsync(db, AuditAction.DataRetentionChanged, "Data retention",
            $"Raw events {row.RawEventRetentionDays} days, minute buckets {row.MinuteBucketRetentionDays} days", ct);
        await db.SaveChangesAsync(ct);
        return new RetentionView(row.RawEventRetentionDays, row.MinuteBucketRetentionDays);
    }

    /// <summary>
    /// Usage against every quota, read from the database; messages today is the larger of what is stored (day buckets)
    /// and what this process's ingestion counted (it includes messages not yet stored).
    /// </summary>
    public async Task<UsageView> GetUsageAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (plan, limits) = await reader.LimitsAsync(db, ct);
        var counted = current.TenantId is { } tenant ? messages.Today(tenant) : null;
        var quotas = new List<QuotaUsage>();
        foreach (var quota in Enum.GetValues<Quota>())
        {
            var used = await reader.UsedAsync(db, quota, ct);
            if (quota == Quota.MessagesPerDay && counted is { } today) used = Math.Max(used, today.Counted);
            quotas.Add(new QuotaUsage(quota.Name(), quota.Describe(), used, limits.Of(quota)));
        }
        return new UsageView(plan, quotas, counted?.Refused ?? 0);
    }
}

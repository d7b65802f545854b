using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Lifecycle;

/// <summary>
/// A tenant's plan and data retention, at most one row per tenant (none means the configured default plan and the
/// default retention, <see cref="DataRetention"/>). The Owner sets the retention; the plan is set by the operator.
/// </summary>
public sealed class TenantPlan : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The name of a configured plan (<c>Quotas:Plans:{name}</c>); null: the configured default plan.</summary>
    public string? Plan { get; set; }

    /// <summary>Raw telemetry events older than this many days (by their <c>ts</c>) are deleted.</summary>
    public int RawEventRetentionDays { get; set; } = DataRetention.DefaultRawEventDays;

    /// <summary>Minute buckets older than this many days are deleted; hour, day and week buckets are kept.</summary>
    public int MinuteBucketRetentionDays { get; set; } = DataRetention.DefaultMinuteBucketDays;

    public const int PlanMaxLength = 64;
}

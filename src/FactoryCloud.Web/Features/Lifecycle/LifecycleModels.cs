using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Lifecycle;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>How long the organisation's telemetry is kept (<c>PUT /api/v1/organisation/retention</c>).</summary>
public sealed class RetentionRequest
{
    [Range(DataRetention.MinimumDays, DataRetention.MaximumDays, ErrorMessage = "Raw events are kept between 8 and 11000 days.")]
    public int RawEventDays { get; set; } = DataRetention.DefaultRawEventDays;

    [Range(DataRetention.MinimumDays, DataRetention.MaximumDays, ErrorMessage = "Minute buckets are kept between 8 and 11000 days.")]
    public int MinuteBucketDays { get; set; } = DataRetention.DefaultMinuteBucketDays;
}

public sealed record RetentionView(int RawEventDays, int MinuteBucketDays);

/// <summary>One quota: what is used and the plan's limit (null: unlimited).</summary>
public sealed record QuotaUsage(string Quota, string Description, long Used, long? Limit)
{
    public bool AtLimit => Limit is { } limit && Used >= limit;
}

/// <summary>The organisation's plan and its usage against every quota (<c>GET /api/v1/organisation/usage</c>).</summary>
public sealed record UsageView(string Plan, IReadOnlyList<QuotaUsage> Quotas, long MessagesRefusedToday);

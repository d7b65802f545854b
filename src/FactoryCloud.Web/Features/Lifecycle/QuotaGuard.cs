using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Quotas;
using FactoryCloud.Web.Common;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>
/// Checks a quota before something is added (a site, machines, device credentials, a member, an uploaded file's bytes):
/// refused with a 409 whose problem <c>type</c> names the quota (<see cref="Quotas.ProblemType"/>) and whose detail says
/// the limit and the plan. Counted on the same context the caller then saves with; two concurrent adds may both pass the
/// check unless the caller holds <see cref="QuotaLock"/> in its transaction.
/// </summary>
public sealed class QuotaGuard(QuotaUsageReader reader)
{
    /// <summary>A tenant's plan, its limit of one quota (null: unlimited) and how much of it is used.</summary>
    public sealed record Usage(string Plan, long? Limit, long Used);

    public async Task<Failure?> CheckAsync(AppDbContext db, Quota quota, long adding, CancellationToken ct)
    {
        var (plan, limits) = await reader.LimitsAsync(db, ct);
        if (limits.Of(quota) is not { } limit) return null;
        var used = await reader.UsedAsync(db, quota, ct);
        return Quotas.Allows(limit, used, adding) ? null : Exceeded(quota, plan, limit, used);
    }

    /// <summary>The quota's limit and usage (the usage is only read when there is a limit).</summary>
    public async Task<Usage> UsageAsync(AppDbContext db, Quota quota, CancellationToken ct)
    {
        var (plan, limits) = await reader.LimitsAsync(db, ct);
        return limits.Of(quota) is { } limit ? new Usage(plan, limit, await reader.UsedAsync(db, quota, ct)) : new Usage(plan, null, 0);
    }

    public static Failure Exceeded(Quota quota, string plan, long limit, long used, string? message = null) =>
        new Failure(FailureKind.Conflict,
            message ?? $"Quota exceeded: the {plan} plan allows {limit} {quota.Describe()} and the organisation has {used}. Remove some or ask for a larger plan.")
        {
            Type = quota.ProblemType(),
            Extensions = new Dictionary<string, object?> { ["quota"] = quota.Name(), ["limit"] = limit, ["used"] = used, ["plan"] = plan },
        };
}

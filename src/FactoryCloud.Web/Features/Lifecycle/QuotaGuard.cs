using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Quotas;
using FactoryCloud.Web.Common;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>
/// Checks a quota before something is added (a site, machines, device credentials, a member): refused with a 409
/// whose problem <c>type</c> names the quota (<see cref="Quotas.ProblemType"/>) and whose detail says the limit and the
/// plan. Counted on the same context the caller then saves with; two concurrent adds may both pass the check.
/// </summary>
public sealed class QuotaGuard(QuotaUsageReader reader)
{
    public async Task<Failure?> CheckAsync(AppDbContext db, Quota quota, long adding, CancellationToken ct)
    {
        var (plan, limits) = await reader.LimitsAsync(db, ct);
        if (limits.Of(quota) is not { } limit) return null;
        var used = await reader.UsedAsync(db, quota, ct);
        return Quotas.Allows(limit, used, adding) ? null : Exceeded(quota, plan, limit, used);
    }

    public static Failure Exceeded(Quota quota, string plan, long limit, long used) =>
        new Failure(FailureKind.Conflict,
            $"Quota exceeded: the {plan} plan allows {limit} {quota.Describe()} and the organisation has {used}. Remove some or ask for a larger plan.")
        {
            Type = quota.ProblemType(),
            Extensions = new Dictionary<string, object?> { ["quota"] = quota.Name(), ["limit"] = limit, ["used"] = used, ["plan"] = plan },
        };
}

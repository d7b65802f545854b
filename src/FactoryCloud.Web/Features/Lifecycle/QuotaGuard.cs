using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Quotas;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>
/// Checks a quota before something is added (a site, machines, device credentials, a member, an uploaded file's bytes):
/// refused with a 409 whose problem <c>type</c> names the quota (<see cref="Quotas.ProblemType"/>) and whose detail says
/// the limit and the plan. Counted on the same context the caller then saves with, under the tenant's
/// <see cref="QuotaLock"/> (<see cref="CheckAsync"/>): the check and that save are one step, so two concurrent adds
/// cannot both pass a check only one fits. (An upload streams with the room read without the lock,
/// <see cref="UsageAsync"/>, so a long upload does not stall the tenant's other adds, and is checked again under the lock
/// with its exact size once stored: see <c>FileUploads</c>.)
/// </summary>
public sealed class QuotaGuard(QuotaUsageReader reader, QuotaLock locks)
{
    /// <summary>A tenant's plan, its limit of one quota (null: unlimited) and how much of it is used.</summary>
    public sealed record Usage(string Plan, long? Limit, long Used);

    /// <summary>
    /// Null when <paramref name="adding"/> more fits; the caller then saves on <paramref name="db"/>, which commits and
    /// releases the tenant's quota lock taken here. A refusal releases it at once.
    /// </summary>
    public async Task<Failure?> CheckAsync(AppDbContext db, Quota quota, long adding, CancellationToken ct)
    {
        var (plan, limits) = await reader.LimitsAsync(db, ct);
        if (limits.Of(quota) is not { } limit) return null;
        await locks.AcquireAsync(db, ct);
        var used = await reader.UsedAsync(db, quota, ct);
        if (Quotas.Allows(limit, used, adding)) return null;
        await locks.ReleaseAsync(db);
        return Exceeded(quota, plan, limit, used);
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

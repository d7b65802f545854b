using FactoryCloud.Domain.Lifecycle;

namespace FactoryCloud.Infrastructure.Quotas;

/// <summary>
/// Settings under <c>Quotas</c>: the plans and their limits (a limit left out is unlimited), the plan of a tenant
/// without one of its own, and how often the ingestion's in-memory message counters are refreshed from the database.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>The plan of every tenant whose <see cref="TenantPlan.Plan"/> is not set.</summary>
    public string DefaultPlan { get; set; } = "Standard";

    /// <summary>The plans by name. Configuration adds plans or overrides single limits of these.</summary>
    public Dictionary<string, PlanLimitOptions> Plans { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Free"] = new() { Sites = 1, Machines = 10, Devices = 10, Members = 5, MessagesPerDay = 200_000, StorageBytes = 1L << 30 },
        ["Standard"] = new() { Sites = 10, Machines = 500, Devices = 500, Members = 100, MessagesPerDay = 50_000_000, StorageBytes = 200L << 30 },
        ["Enterprise"] = new(),
    };

    /// <summary>How often each process reads every tenant's plan, messages today and storage for the ingestion check.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Storage (a sum over the tenant's raw events) is read at most this often.</summary>
    public TimeSpan StorageRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The limits of <paramref name="plan"/> (null: the default plan); an unknown plan name is unlimited and says so in the usage.</summary>
    public PlanLimits LimitsOf(string? plan) =>
        Plans.TryGetValue(plan ?? DefaultPlan, out var limits) ? limits.ToLimits() : PlanLimits.Unlimited;

    public string PlanName(string? plan) => plan ?? DefaultPlan;
}

/// <summary>One plan's limits; null (left out) is unlimited.</summary>
public sealed class PlanLimitOptions
{
    public long? Sites { get; set; }
    public long? Machines { get; set; }
    public long? Devices { get; set; }
    public long? Members { get; set; }
    public long? MessagesPerDay { get; set; }
    public long? StorageBytes { get; set; }

    public PlanLimits ToLimits() => new(Sites, Machines, Devices, Members, MessagesPerDay, StorageBytes);
}

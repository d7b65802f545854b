using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A tenant's KPI settings, at most one row per tenant (none means <see cref="LossSettings.Default"/>): which state or
/// reason counts as which loss, the small-stop threshold and the start-up period.
/// </summary>
public sealed class KpiSettings : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    public double SmallStopThresholdSeconds { get; set; } = LossSettings.DefaultSmallStopThreshold.TotalSeconds;
    public double StartupPeriodSeconds { get; set; }
    public List<LossRule> Rules { get; set; } = [];

    /// <summary>
    /// Off (the default): planned time before a machine's first data is not planned time and not a loss; it is shown
    /// on its own (<see cref="TimeBeforeFirstData"/>). On: it counts as "No data" loss, as it did before 2026-12.
    /// </summary>
    public bool IncludeTimeBeforeFirstData { get; set; }

    /// <summary>The pure settings the KPI engine uses; throws for a rule the engine refuses (validate first).</summary>
    public LossSettings ToLossSettings() => new()
    {
        SmallStopThreshold = TimeSpan.FromSeconds(SmallStopThresholdSeconds),
        StartupPeriod = TimeSpan.FromSeconds(StartupPeriodSeconds),
        Rules = Rules.ToDictionary(r => new LossRuleKey(r.State, string.IsNullOrEmpty(r.Reason) ? null : r.Reason), r => r.Category),
    };
}

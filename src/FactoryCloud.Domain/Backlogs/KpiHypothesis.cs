using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// A work item's value hypothesis: "this changes KPI X of machine/line/site Y by Z". The baseline is measured over
/// <see cref="PeriodDays"/> before work starts (the item first enters an in-progress column), the outcome over the
/// same number of days after it reaches done.
/// </summary>
public sealed class KpiHypothesis : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public Guid ProductId { get; set; }
    public HypothesisKpi Kpi { get; set; }
    public AssetKind ScopeKind { get; set; }
    public Guid ScopeId { get; set; }

    /// <summary>The expected change in the KPI's unit (fractions for OEE, availability and scrap rate; kWh per unit; seconds for MTTR); negative for a decrease.</summary>
    public double ExpectedChange { get; set; }

    public int PeriodDays { get; set; } = 14;

    public double? BaselineValue { get; set; }
    public DateTimeOffset? BaselineFrom { get; set; }
    public DateTimeOffset? BaselineTo { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
    public double? MeasuredValue { get; set; }
    public DateTimeOffset? MeasuredFrom { get; set; }
    public DateTimeOffset? MeasuredTo { get; set; }
}

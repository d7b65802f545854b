namespace FactoryCloud.Domain.Value;

/// <summary>
/// How much a scope produced over a measured window: what a KPI change is multiplied by. Scaled to a month of
/// <see cref="HypothesisMoney.DaysPerMonth"/> days.
/// </summary>
public sealed record KpiVolumes(TimeSpan Window, double PlannedHours, long UnitsProduced, long GoodUnits, long Breakdowns)
{
    public double MonthFactor => Window > TimeSpan.Zero ? HypothesisMoney.DaysPerMonth / Window.TotalDays : 0;
}

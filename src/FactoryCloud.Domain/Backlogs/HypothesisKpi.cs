namespace FactoryCloud.Domain.Backlogs;

/// <summary>The KPIs a work item's value hypothesis can target.</summary>
public enum HypothesisKpi
{
    Oee,
    Availability,
    ScrapRate,
    EnergyPerUnit,
    Mttr,
}

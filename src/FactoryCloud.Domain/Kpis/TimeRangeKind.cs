namespace FactoryCloud.Domain.Kpis;

/// <summary>The time ranges a dashboard offers.</summary>
public enum TimeRangeKind
{
    CurrentShift,
    Today,
    Yesterday,
    Last7Days,
    Last30Days,
    Custom,
}

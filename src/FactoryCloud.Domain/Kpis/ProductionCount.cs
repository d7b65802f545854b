namespace FactoryCloud.Domain.Kpis;

/// <summary>Units produced since the previous count message (an increment, not a running total).</summary>
public sealed record ProductionCount(DateTimeOffset At, long Good, long Scrap, string? Product = null)
{
    public long Total => Good + Scrap;
}

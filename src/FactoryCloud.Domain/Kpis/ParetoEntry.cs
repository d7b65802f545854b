namespace FactoryCloud.Domain.Kpis;

/// <summary>One bar of a downtime Pareto; Share and CumulativeShare are fractions of the total downtime.</summary>
public sealed record ParetoEntry(string? Reason, double Seconds, long Episodes, double Share, double CumulativeShare);

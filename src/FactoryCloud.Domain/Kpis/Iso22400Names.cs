namespace FactoryCloud.Domain.Kpis;

/// <summary>Display names of the KPIs as ISO 22400-2 calls them, keyed for the UI by <see cref="KpiFigures"/> member.</summary>
public static class Iso22400Names
{
    public const string PlannedBusyTime = "Planned busy time (PBT)";
    public const string ActualProductionTime = "Actual production time (APT)";
    public const string Availability = "Availability";
    public const string Effectiveness = "Effectiveness";
    public const string QualityRatio = "Quality ratio";
    public const string OeeIndex = "OEE index";
    public const string ScrapRatio = "Scrap ratio";
    public const string MeanOperatingTimeBetweenFailures = "Mean operating time between failures (MTBF)";
    public const string MeanTimeToRestoration = "Mean time to restoration (MTTR)";

    /// <summary>Our names (KpiFigures / KpiTotals members) → ISO 22400 names, for those that have one.</summary>
    public static IReadOnlyDictionary<string, string> ByMember { get; } = new Dictionary<string, string>
    {
        [nameof(KpiTotals.PlannedSeconds)] = PlannedBusyTime,
        [nameof(KpiTotals.ActualProductionSeconds)] = ActualProductionTime,
        [nameof(KpiFigures.Availability)] = Availability,
        [nameof(KpiFigures.Performance)] = Effectiveness,
        [nameof(KpiFigures.Quality)] = QualityRatio,
        [nameof(KpiFigures.Oee)] = OeeIndex,
        [nameof(KpiFigures.ScrapRate)] = ScrapRatio,
        [nameof(KpiFigures.Mtbf)] = MeanOperatingTimeBetweenFailures,
        [nameof(KpiFigures.Mttr)] = MeanTimeToRestoration,
    };
}

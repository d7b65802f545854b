namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// The model shipped with the product: ten dimensions in three groups, with a description of each stage and the
/// improvement actions that lead to it. Not tenant data: tenants start from a copy (<see cref="Create"/>).
/// Version numbers let a tenant see which product model its copy came from.
/// </summary>
public static partial class DefaultMaturityModel
{
    public const string Name = "FactoryCloud digital-factory model";
    /// <summary>2: every dimension names its evidence source and carries its evidence thresholds.</summary>
    public const int ProductVersion = 2;

    public const string ConnectivityKey = "connectivity";
    public const string DataKey = "data";

    /// <summary>A fresh copy every call, so callers can edit it.</summary>
    public static MaturityModelDefinition Create() => new()
    {
        Dimensions =
        [
            Strategy(), Culture(), Skills(),
            Connectivity(), Data(), Analytics(), Cybersecurity(),
            Automation(), DigitalTwin(), Energy(),
        ],
    };

    /// <summary>
    /// The evidence source of a dimension of the default model by key: lets a copy saved before the product model
    /// named every source (product version 1) still get its evidence.
    /// </summary>
    public static EvidenceSource EvidenceFor(string key) => key switch
    {
        ConnectivityKey => EvidenceSource.Connectivity,
        DataKey => EvidenceSource.Data,
        "energy" => EvidenceSource.Energy,
        "analytics" => EvidenceSource.Analytics,
        "cybersecurity" => EvidenceSource.Cybersecurity,
        "culture" => EvidenceSource.Organisation,
        "strategy" => EvidenceSource.Strategy,
        "automation" => EvidenceSource.Automation,
        "skills" or "digital-twin" => EvidenceSource.NotInProduct,
        _ => EvidenceSource.None,
    };

    private static MaturityDimension Dimension(
        string key, string name, DimensionGroup group, double weight, string[] questions, string[] stages, string[][] actions) => new()
        {
            Key = key, Name = name, Group = group, Weight = weight, Evidence = EvidenceFor(key),
            EvidenceThresholds = Evidence.EvidenceRules.For(EvidenceFor(key))?.DefaultThresholds.ToDictionary() ?? [],
            ValueLevers = GapValueEstimate.LeversOf(key, EvidenceFor(key)),
            Questions = [.. questions], StageDescriptions = [.. stages], ImprovementActions = actions.Select(a => a.ToList()).ToList(),
        };
}

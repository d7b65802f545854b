namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// The model shipped with the product: ten dimensions in three groups, with a description of each stage and the
/// improvement actions that lead to it. Not tenant data: tenants start from a copy (<see cref="Create"/>).
/// Version numbers let a tenant see which product model its copy came from.
/// </summary>
public static partial class DefaultMaturityModel
{
    public const string Name = "FactoryCloud digital-factory model";
    public const int ProductVersion = 1;

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

    private static MaturityDimension Dimension(
        string key, string name, DimensionGroup group, double weight, string[] questions, string[] stages, string[][] actions,
        EvidenceSource evidence = EvidenceSource.None) => new()
        {
            Key = key, Name = name, Group = group, Weight = weight, Evidence = evidence,
            Questions = [.. questions], StageDescriptions = [.. stages], ImprovementActions = actions.Select(a => a.ToList()).ToList(),
        };
}

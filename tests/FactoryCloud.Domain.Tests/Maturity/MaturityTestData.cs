using FactoryCloud.Domain.Maturity;

namespace FactoryCloud.Domain.Tests.Maturity;

/// <summary>A small fixed model: three dimensions, weights 3, 1 and 2.</summary>
internal static class MaturityTestData
{
    public static MaturityModelDefinition Model() => new()
    {
        Dimensions =
        [
            Dimension("strategy", "Strategy", DimensionGroup.Organisation, 3),
            Dimension("connectivity", "Connectivity", DimensionGroup.Technology, 1),
            Dimension("energy", "Energy", DimensionGroup.Process, 2),
        ],
    };

    public static MaturityDimension Dimension(string key, string name, DimensionGroup group, double weight) => new()
    {
        Key = key, Name = name, Group = group, Weight = weight,
        StageDescriptions = [.. Enumerable.Range(1, 5).Select(s => $"{name} at stage {s}")],
        ImprovementActions = [.. Enumerable.Range(1, 5).Select(s => new List<string> { $"{name} step {s}a", $"{name} step {s}b" })],
    };

    public static DimensionAnswer Answer(string key, int? stage, int? target = null, DateOnly? date = null) =>
        new(key, (MaturityStage?)stage, (MaturityStage?)target, date);
}

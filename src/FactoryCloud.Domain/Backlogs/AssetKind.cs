namespace FactoryCloud.Domain.Backlogs;

/// <summary>The plant levels a team can serve.</summary>
public enum AssetKind
{
    Site,
    Line,
    Machine,
}

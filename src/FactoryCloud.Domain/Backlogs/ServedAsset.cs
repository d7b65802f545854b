namespace FactoryCloud.Domain.Backlogs;

/// <summary>A site, line or machine a team works for.</summary>
public sealed record ServedAsset(AssetKind Kind, Guid Id);

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// One saved version of a tenant's maturity model. Versions are immutable: editing a model saves a new version in
/// the same family (<see cref="ModelId"/>), so an assessment keeps the version it was taken with.
/// </summary>
public sealed class MaturityModelVersion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The model this is a version of; the same for all its versions.</summary>
    public Guid ModelId { get; set; }

    public int Version { get; set; } = 1;
    public required string Name { get; set; }

    /// <summary>The product model version this family was copied from.</summary>
    public int BasedOnProductVersion { get; set; } = DefaultMaturityModel.ProductVersion;

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public MaturityModelDefinition Definition { get; set; } = new();

    /// <summary>
    /// The evidence rule of <paramref name="dimension"/>: copies of product model 1 named only Connectivity and Data,
    /// so their other dimensions get the rule by key.
    /// </summary>
    public static EvidenceSource EvidenceOf(MaturityDimension dimension, int basedOnProductVersion) =>
        dimension.Evidence == EvidenceSource.None && basedOnProductVersion < 2 ? DefaultMaturityModel.EvidenceFor(dimension.Key) : dimension.Evidence;
}

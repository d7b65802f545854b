using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Plants;

/// <summary>An area of a site (ISA-95), e.g. assembly or packaging.</summary>
public sealed class Area : IChildAsset
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid SiteId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }

    Guid IChildAsset.ParentId => SiteId;
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Plants;

/// <summary>A production line (ISA-95 work centre) in an area.</summary>
public sealed class Line : IChildAsset
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid AreaId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }

    Guid IChildAsset.ParentId => AreaId;
}

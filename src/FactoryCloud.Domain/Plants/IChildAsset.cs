using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Plants;

/// <summary>An area or a line: a level of the plant with a key unique under its one parent (a site or an area).</summary>
public interface IChildAsset : ITenantOwned
{
    Guid Id { get; }
    Guid ParentId { get; }
    string Key { get; set; }
    string Name { get; set; }
}

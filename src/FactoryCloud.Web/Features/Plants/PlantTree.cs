namespace FactoryCloud.Web.Features.Plants;

/// <summary>The tenant's whole hierarchy, for the plants page.</summary>
public sealed record PlantTree(IReadOnlyList<PlantTree.SiteNode> Sites)
{
    public sealed record SiteNode(SiteView Site, IReadOnlyList<AreaNode> Areas);
    public sealed record AreaNode(AssetView Area, IReadOnlyList<LineNode> Lines);
    public sealed record LineNode(AssetView Line, IReadOnlyList<MachineView> Machines);
}

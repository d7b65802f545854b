using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>The tenant's whole hierarchy, for the plants page.</summary>
public sealed record PlantTree(IReadOnlyList<PlantTree.SiteNode> Sites)
{
    public sealed record SiteNode(SiteView Site, IReadOnlyList<AreaNode> Areas);
    public sealed record AreaNode(AssetView Area, IReadOnlyList<LineNode> Lines);
    public sealed record LineNode(AssetView Line, IReadOnlyList<MachineView> Machines);

    /// <summary>What a device publishes for, in words: "Press 1 · Line 1 · Plant Lyon"; null when the asset is gone.</summary>
    public string? DescribeScope(DeviceScopeKind kind, Guid scopeId)
    {
        foreach (var site in Sites)
        {
            if (kind == DeviceScopeKind.Site && site.Site.Id == scopeId) return $"{site.Site.Name} (whole site)";
            foreach (var line in site.Areas.SelectMany(a => a.Lines))
            {
                if (kind == DeviceScopeKind.Line && line.Line.Id == scopeId) return $"{line.Line.Name} · {site.Site.Name} (whole line)";
                if (kind == DeviceScopeKind.Machine && line.Machines.FirstOrDefault(m => m.Id == scopeId) is { } machine)
                    return $"{machine.Name} · {line.Line.Name} · {site.Site.Name}";
            }
        }
        return null;
    }
}

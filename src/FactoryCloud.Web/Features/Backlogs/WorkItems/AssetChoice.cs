using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>A site, line or machine to pick (a team's served assets, a KPI hypothesis's scope), labelled with its path.</summary>
public sealed record AssetChoice(AssetKind Kind, Guid Id, string Label)
{
    public ServedAsset ToServed() => new(Kind, Id);

    public static IReadOnlyList<AssetChoice> From(PlantTree tree) =>
        tree.Sites.SelectMany(site => new[] { new AssetChoice(AssetKind.Site, site.Site.Id, site.Site.Name) }
            .Concat(site.Areas.SelectMany(area => area.Lines.SelectMany(line =>
                new[] { new AssetChoice(AssetKind.Line, line.Line.Id, $"{site.Site.Name} › {line.Line.Name}") }
                    .Concat(line.Machines.Select(m => new AssetChoice(AssetKind.Machine, m.Id, $"{site.Site.Name} › {line.Line.Name} › {m.Name}")))))))
            .ToList();

    public static string LabelOf(IReadOnlyList<AssetChoice> choices, AssetKind kind, Guid id) =>
        choices.FirstOrDefault(c => c.Kind == kind && c.Id == id)?.Label ?? $"{kind} {id}";
}

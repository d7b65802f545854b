using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>
/// Work about a plant asset (a machine, line or site) from other features: an alert, a downtime Pareto bar. Knows
/// which product's backlog such work goes to by default and creates items linked to the asset.
/// </summary>
public sealed class AssetWorkItems(IDbContextFactory<AppDbContext> contexts, WorkItemService workItems)
{
    /// <summary>
    /// The product of a team serving the asset itself, else (for a machine) its line, else its site; without such a
    /// team, the organisation's first product; null when there is no product at all.
    /// </summary>
    public async Task<Guid?> SuggestedProductAsync(ServedAsset asset, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var products = await db.Products.OrderBy(p => p.CreatedAt).Select(p => new { p.Id, p.TeamId }).ToListAsync(ct);
        if (products.Count == 0) return null;

        var teams = await db.Teams.Select(t => new { t.Id, t.Serves }).ToListAsync(ct);
        foreach (var place in await PlacesOfAsync(db, asset, ct))
        {
            var serving = teams.Where(t => t.Serves.Contains(place)).Select(t => t.Id).ToHashSet();
            if (products.FirstOrDefault(p => p.TeamId is { } team && serving.Contains(team)) is { } product) return product.Id;
        }
        return products[0].Id;
    }

    /// <summary>Creates an item in the product's backlog linked to the asset (named <paramref name="assetName"/>).</summary>
    public Task<OperationResult<WorkItemView>> CreateAsync(
        Guid productId, ServedAsset asset, string assetName, WorkItemType type, string title, string description, CancellationToken ct = default)
    {
        var link = new LinkRequest { Kind = KindOf(asset.Kind), TargetId = asset.Id.ToString(), Label = assetName };
        return workItems.CreateLinkedAsync(productId, type, title, description, link, ct);
    }

    private static string KindOf(AssetKind kind) => kind switch
    {
        AssetKind.Machine => LinkKinds.Machine,
        AssetKind.Line => LinkKinds.Line,
        _ => LinkKinds.Site,
    };

    /// <summary>The asset and the places that contain it, nearest first.</summary>
    private static async Task<IReadOnlyList<ServedAsset>> PlacesOfAsync(AppDbContext db, ServedAsset asset, CancellationToken ct)
    {
        switch (asset.Kind)
        {
            case AssetKind.Machine:
                var machine = await (from m in db.Machines
                                     join l in db.Lines on m.LineId equals l.Id
                                     join a in db.Areas on l.AreaId equals a.Id
                                     where m.Id == asset.Id
                                     select new { LineId = l.Id, a.SiteId }).FirstOrDefaultAsync(ct);
                return machine is null ? [] : [asset, new(AssetKind.Line, machine.LineId), new(AssetKind.Site, machine.SiteId)];
            case AssetKind.Line:
                var site = await (from l in db.Lines
                                  join a in db.Areas on l.AreaId equals a.Id
                                  where l.Id == asset.Id
                                  select (Guid?)a.SiteId).FirstOrDefaultAsync(ct);
                return site is null ? [] : [asset, new(AssetKind.Site, site.Value)];
            default:
                return [asset];
        }
    }
}

using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Backlogs;

/// <summary>
/// Turns an alert into a task in the backlog of the team that serves its machine: the product of a team serving
/// the machine itself, else its line, else its site; without such a team, the organisation's first product. The
/// task is linked to the machine, and the alert keeps the task's id.
/// </summary>
public sealed class AlertWorkItemCreator(IDbContextFactory<AppDbContext> contexts, WorkItemService workItems) : IAlertWorkItemCreator
{
    public async Task<OperationResult<Guid>> CreateAsync(AlertView alert, CancellationToken ct)
    {
        if (await ProductForAsync(alert.MachineId, ct) is not { } productId)
            return Failure.Conflict("There is no product to put the work item in: create one on the Backlogs page first.");

        var description = $"{alert.Detail}\n\nRaised {alert.RaisedAt:u} by the alert rule \"{alert.RuleName}\" on {alert.MachineName}.";
        var link = new LinkRequest { Kind = LinkKinds.Machine, TargetId = alert.MachineId.ToString(), Label = alert.MachineName };
        var created = await workItems.CreateLinkedAsync(productId, WorkItemType.Task, $"{alert.RuleName}: {alert.MachineName}", description, link, ct);
        return created.Failure is { } failure ? failure : created.Value!.Id;
    }

    private async Task<Guid?> ProductForAsync(Guid machineId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var place = await (from m in db.Machines
                           join l in db.Lines on m.LineId equals l.Id
                           join a in db.Areas on l.AreaId equals a.Id
                           where m.Id == machineId
                           select new { LineId = l.Id, a.SiteId }).FirstOrDefaultAsync(ct);
        var products = await db.Products.OrderBy(p => p.CreatedAt).Select(p => new { p.Id, p.TeamId }).ToListAsync(ct);
        if (place is null || products.Count == 0) return products.FirstOrDefault()?.Id;

        var teams = await db.Teams.Select(t => new { t.Id, t.Serves }).ToListAsync(ct);
        ServedAsset[] preference = [new(AssetKind.Machine, machineId), new(AssetKind.Line, place.LineId), new(AssetKind.Site, place.SiteId)];
        foreach (var asset in preference)
        {
            var serving = teams.Where(t => t.Serves.Contains(asset)).Select(t => t.Id).ToHashSet();
            if (products.FirstOrDefault(p => p.TeamId is { } team && serving.Contains(team)) is { } product) return product.Id;
        }
        return products[0].Id;
    }
}

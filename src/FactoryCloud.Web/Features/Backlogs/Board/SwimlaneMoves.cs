using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Backlogs.Board;

/// <summary>Swimlanes: a card dropped into another lane changes assignee, or parent epic (see <see cref="EpicLaneRules"/>).</summary>
internal static class SwimlaneMoves
{
    /// <summary>Applies the lane of a board move to the tracked <paramref name="item"/>; the caller records the history.</summary>
    public static async Task<Failure?> ApplyAsync(AppDbContext db, WorkItem item, MoveRequest request, CancellationToken ct)
    {
        switch (request.Lane)
        {
            case Swimlanes.Assignee when request.LaneKey != item.AssigneeId:
                if (request.LaneKey is { } assignee && !await db.Memberships.AnyAsync(m => m.UserId == assignee, ct))
                    return Failure.Invalid(nameof(MoveRequest.LaneKey), "The assignee is not a member of this organisation.");
                item.AssigneeId = request.LaneKey;
                return null;
            case Swimlanes.Epic:
                if (request.LaneKey is { } epic && !await db.WorkItems.AnyAsync(w => w.Id == epic && w.ProductId == item.ProductId && w.Type == WorkItemType.Epic, ct))
                    return Failure.Invalid(nameof(MoveRequest.LaneKey), "The swimlane is not an epic of this product.");
                var outcome = EpicLaneRules.Reassign(item.Type, item.ParentId, await EpicOfAsync(db, item, ct), request.LaneKey);
                if (outcome.Problem is { } problem) return Failure.Invalid(nameof(MoveRequest.LaneKey), problem);
                item.ParentId = outcome.ParentId;
                return null;
            default:
                return null;
        }
    }

    /// <summary>The item's top-most epic ancestor (itself for an epic), as the board's epic lanes group it.</summary>
    private static async Task<Guid?> EpicOfAsync(AppDbContext db, WorkItem item, CancellationToken ct)
    {
        var epic = item.Type == WorkItemType.Epic ? item.Id : (Guid?)null;
        var parentId = item.ParentId;
        for (var depth = 0; parentId is { } id && depth < 16; depth++)
        {
            var parent = await db.WorkItems.Where(w => w.Id == id).Select(w => new { w.Type, w.ParentId }).FirstOrDefaultAsync(ct);
            if (parent is null) break;
            if (parent.Type == WorkItemType.Epic) epic = id;
            parentId = parent.ParentId;
        }
        return epic;
    }
}

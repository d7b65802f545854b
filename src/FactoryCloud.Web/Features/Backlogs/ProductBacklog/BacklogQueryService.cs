using System.Linq.Expressions;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.ProductBacklog;

/// <summary>
/// The read side of a product's backlog: the ranked, filtered list (the backlog page's first query), the hierarchy
/// with roll-ups, and the board. Text search is a case-insensitive LIKE over title and description (ILIKE on
/// PostgreSQL): enough for a few thousand items; a full-text index would be the next step.
/// </summary>
public sealed class BacklogQueryService(IDbContextFactory<AppDbContext> contexts)
{
    public const int MaxPageSize = 1000;

    /// <summary>What a row, card or tree node shows: everything but the long Markdown texts.</summary>
    private static readonly Expression<Func<WorkItem, WorkItem>> Light = w => new WorkItem
    {
        Id = w.Id, ProductId = w.ProductId, Type = w.Type, Title = w.Title, ColumnId = w.ColumnId, AssigneeId = w.AssigneeId, Estimate = w.Estimate,
        Priority = w.Priority, Tags = w.Tags, DueDate = w.DueDate, ParentId = w.ParentId, SprintId = w.SprintId, Rank = w.Rank, Version = w.Version,
    };

    public async Task<OperationResult<BacklogPage>> BacklogAsync(Guid productId, BacklogFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == productId).ToDictionaryAsync(c => c.Id, c => c.Category, ct);
        if (columns.Count == 0) return Failure.NotFound("The product");
        var query = Filter(db, productId, filter, columns);
        var totals = await query.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Points = g.Sum(w => w.Estimate ?? 0) }).FirstOrDefaultAsync(ct);
        var rows = await query.OrderBy(w => w.Rank).Skip(Math.Max(filter.Skip, 0)).Take(Math.Clamp(filter.Take, 1, MaxPageSize)).Select(Light).ToListAsync(ct);
        return new BacklogPage(rows.Select(w => w.ToRow(columns[w.ColumnId])).ToList(), totals?.Count ?? 0, totals?.Points ?? 0);
    }

    /// <summary>Every item of the product as a tree (epics, their features, their stories...), each node with its roll-up.</summary>
    public async Task<OperationResult<IReadOnlyList<HierarchyNode>>> HierarchyAsync(Guid productId, bool includeClosed = true, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == productId).ToDictionaryAsync(c => c.Id, c => c.Category, ct);
        if (columns.Count == 0) return Failure.NotFound("The product");
        var items = await db.WorkItems.AsNoTracking().Where(w => w.ProductId == productId).OrderBy(w => w.Rank).Select(Light).ToListAsync(ct);
        var totals = HierarchyRollup.Compute(items.Select(w => new HierarchyRollup.Item(w.Id, w.ParentId, w.Estimate, columns[w.ColumnId])).ToList());
        var shown = items.Where(w => includeClosed || columns[w.ColumnId] is ColumnCategory.Proposed or ColumnCategory.InProgress).ToList();
        var ids = shown.Select(w => w.Id).ToHashSet();
        var children = shown.Where(w => w.ParentId is { } p && ids.Contains(p)).ToLookup(w => w.ParentId!.Value);
        HierarchyNode Node(WorkItem w)
        {
            var t = totals[w.Id];
            return new HierarchyNode(w.ToRow(columns[w.ColumnId]), t.Points, t.DonePoints, t.Items, t.DoneItems, t.Progress, children[w.Id].Select(Node).ToList());
        }
        return shown.Where(w => w.ParentId is not { } p || !ids.Contains(p)).Select(Node).ToList();
    }

    /// <summary>
    /// The Kanban board: columns left to right, cards in rank order, in swimlanes by assignee or by epic (the
    /// card's top-most epic ancestor). WIP breaches count the whole product's items in a column, as the WIP rule does.
    /// </summary>
    public async Task<OperationResult<Board>> BoardAsync(Guid productId, Guid? sprintId, Swimlanes lanes, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == productId).OrderBy(c => c.Position).ToListAsync(ct);
        if (columns.Count == 0) return Failure.NotFound("The product");
        var counts = await db.WorkItems.Where(w => w.ProductId == productId).GroupBy(w => w.ColumnId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var all = await db.WorkItems.AsNoTracking().Where(w => w.ProductId == productId).OrderBy(w => w.Rank).Select(Light).ToListAsync(ct);
        var categories = columns.ToDictionary(c => c.Id, c => c.Category);
        var cards = all.Where(w => sprintId is null || w.SprintId == sprintId).ToList();

        var laneOf = await LaneKeysAsync(db, lanes, all, cards, ct);
        var laneByCard = cards.ToDictionary(c => c.Id, laneOf);
        var cells = cards.ToLookup(c => (laneByCard[c.Id].Key, c.ColumnId));
        var idleMembers = lanes == Swimlanes.Assignee ? await TeamLanesAsync(db, productId, ct) : [];
        var boardLanes = laneByCard.Values.Concat(idleMembers).DistinctBy(l => l.Key)
            .OrderBy(l => l.Key is null).ThenBy(l => l.Label, StringComparer.OrdinalIgnoreCase)
            .Select(lane => new BoardLane(lane.Key, lane.Label, columns.Select(column => new BoardColumn(column.ToView(), counts.GetValueOrDefault(column.Id),
                WipRule.IsBreached(column.WipLimit, counts.GetValueOrDefault(column.Id)),
                cells[(lane.Key, column.Id)].Select(c => c.ToRow(categories[c.ColumnId])).ToList())).ToList()))
            .ToList();
        if (boardLanes.Count == 0)
            boardLanes.Add(new BoardLane(null, "", columns.Select(c => new BoardColumn(c.ToView(), counts.GetValueOrDefault(c.Id), WipRule.IsBreached(c.WipLimit, counts.GetValueOrDefault(c.Id)), [])).ToList()));
        return new Board(productId, columns.Select(c => c.ToView()).ToList(), boardLanes);
    }

    /// <summary>The product team's members get a lane even without cards, so work can be dragged to them.</summary>
    private static async Task<List<(Guid? Key, string Label)>> TeamLanesAsync(AppDbContext db, Guid productId, CancellationToken ct)
    {
        var teamId = await db.Products.Where(p => p.Id == productId).Select(p => p.TeamId).FirstOrDefaultAsync(ct);
        if (teamId is null) return [];
        var members = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Members).FirstOrDefaultAsync(ct) ?? [];
        return members.Select(m => ((Guid?)m.UserId, m.Name)).ToList();
    }

    private static async Task<Func<WorkItem, (Guid? Key, string Label)>> LaneKeysAsync(
        AppDbContext db, Swimlanes lanes, List<WorkItem> all, List<WorkItem> cards, CancellationToken ct)
    {
        switch (lanes)
        {
            case Swimlanes.Assignee:
                var userIds = cards.Where(c => c.AssigneeId is not null).Select(c => c.AssigneeId!.Value).Distinct().ToList();
                var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id.ToString(), ct);
                return c => c.AssigneeId is { } a ? (a, names.GetValueOrDefault(a, a.ToString())) : (null, "Unassigned");
            case Swimlanes.Epic:
                var byId = all.ToDictionary(w => w.Id);
                return c =>
                {
                    WorkItem? epic = null;
                    for (var (node, depth) = (c, 0); node is not null && depth < 16; node = node.ParentId is { } p ? byId.GetValueOrDefault(p) : null, depth++)
                        if (node.Type == WorkItemType.Epic) epic = node;
                    return epic is null ? (null, "No epic") : (epic.Id, epic.Title);
                };
            default:
                return _ => (null, "");
        }
    }

    private static IQueryable<WorkItem> Filter(AppDbContext db, Guid productId, BacklogFilter filter, Dictionary<Guid, ColumnCategory> columns)
    {
        var query = db.WorkItems.AsNoTracking().Where(w => w.ProductId == productId);
        if (filter.Type is { } type) query = query.Where(w => w.Type == type);
        if (filter.ColumnId is { } columnId) query = query.Where(w => w.ColumnId == columnId);
        if (filter.Category is { } category)
        {
            var ids = columns.Where(c => c.Value == category).Select(c => c.Key).ToList();
            query = query.Where(w => ids.Contains(w.ColumnId));
        }
        else if (!filter.IncludeClosed)
        {
            var open = columns.Where(c => c.Value is ColumnCategory.Proposed or ColumnCategory.InProgress).Select(c => c.Key).ToList();
            query = query.Where(w => open.Contains(w.ColumnId));
        }
        if (filter.AssigneeId is { } assignee) query = query.Where(w => w.AssigneeId == assignee);
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var token = TagSet.Token(filter.Tag);
            query = query.Where(w => w.Tags.Contains(token));
        }
        if (filter.FieldId is { } fieldId && !string.IsNullOrWhiteSpace(filter.FieldValue))
        {
            var value = filter.FieldValue.Trim();
            query = query.Where(w => db.CustomFieldValues.Any(v => v.WorkItemId == w.Id && v.FieldId == fieldId && v.Value == value));
        }
        if (filter.SprintId is { } sprintId) query = query.Where(w => w.SprintId == sprintId);
        if (filter.NotInSprint) query = query.Where(w => w.SprintId == null);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = db.Database.IsNpgsql()
                ? query.Where(w => EF.Functions.ILike(w.Title, pattern, "\\") || EF.Functions.ILike(w.Description, pattern, "\\"))
                : query.Where(w => EF.Functions.Like(w.Title, pattern, "\\") || EF.Functions.Like(w.Description, pattern, "\\"));
        }
        return query;
    }
}

using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;

namespace FactoryCloud.Web.Features.Backlogs.ProductBacklog;

/// <summary>Filters of the backlog list; all optional and combined with AND.</summary>
public sealed class BacklogFilter
{
    public WorkItemType? Type { get; set; }
    public Guid? ColumnId { get; set; }
    public ColumnCategory? Category { get; set; }
    public Guid? AssigneeId { get; set; }
    public string? Tag { get; set; }
    public Guid? FieldId { get; set; }
    public string? FieldValue { get; set; }

    /// <summary>Words in the title or description (LIKE, case-insensitive).</summary>
    public string? Search { get; set; }

    public Guid? SprintId { get; set; }

    /// <summary>Only items in no sprint (the product backlog proper).</summary>
    public bool NotInSprint { get; set; }

    /// <summary>Done and cancelled items are left out unless asked for.</summary>
    public bool IncludeClosed { get; set; }

    public int Skip { get; set; }
    public int Take { get; set; } = 200;
}

/// <summary>The backlog filter as query-string parameters, every one optional.</summary>
public sealed record BacklogQuery(
    WorkItemType? Type, Guid? ColumnId, ColumnCategory? Category, Guid? AssigneeId, string? Tag, Guid? FieldId, string? FieldValue,
    string? Search, Guid? SprintId, bool? NotInSprint, bool? IncludeClosed, int? Skip, int? Take)
{
    public BacklogFilter ToFilter() => new()
    {
        Type = Type, ColumnId = ColumnId, Category = Category, AssigneeId = AssigneeId, Tag = Tag, FieldId = FieldId, FieldValue = FieldValue,
        Search = Search, SprintId = SprintId, NotInSprint = NotInSprint ?? false, IncludeClosed = IncludeClosed ?? false, Skip = Skip ?? 0, Take = Take ?? 200,
    };
}

/// <summary>One line of the ranked backlog: what the list, a card and an export show.</summary>
public sealed record BacklogRow(
    Guid Id, WorkItemType Type, string Title, Guid ColumnId, ColumnCategory Category, Guid? AssigneeId, double? Estimate,
    WorkItemPriority Priority, IReadOnlyList<string> Tags, DateOnly? DueDate, Guid? ParentId, Guid? SprintId, string Rank, int Version);

public sealed record BacklogPage(IReadOnlyList<BacklogRow> Rows, int Total, double TotalPoints);

public sealed record HierarchyNode(BacklogRow Item, double Points, double DonePoints, int Items, int DoneItems, double? Progress, IReadOnlyList<HierarchyNode> Children);

public enum Swimlanes
{
    None,
    Assignee,
    Epic,
}

public sealed record BoardColumn(ColumnView Column, int Count, bool WipBreached, IReadOnlyList<BacklogRow> Cards);

/// <summary>A swimlane: <see cref="Key"/> is the assignee's user id or the epic's id, null for "none".</summary>
public sealed record BoardLane(Guid? Key, string Label, IReadOnlyList<BoardColumn> Columns);

public sealed record Board(Guid ProductId, IReadOnlyList<ColumnView> Columns, IReadOnlyList<BoardLane> Lanes);

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>An epic, feature, story, task or bug of a product, ranked in its backlog and placed in a workflow column.</summary>
public sealed class WorkItem : ITenantOwned
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public WorkItemType Type { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string Description { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string AcceptanceCriteria { get; set; } = "";

    public Guid ColumnId { get; set; }
    public Guid? AssigneeId { get; set; }
    public double? Estimate { get; set; }
    public WorkItemPriority Priority { get; set; } = WorkItemPriority.Medium;

    /// <summary>Normalised tags, see <see cref="TagSet"/> (<c>|api|mes|</c>), so a tag filter is a plain LIKE.</summary>
    public string Tags { get; set; } = "";

    public DateOnly? DueDate { get; set; }
    public Guid? ParentId { get; set; }
    public Guid? SprintId { get; set; }

    /// <summary>The backlog order, see <see cref="Rank"/>: unique per product, compared ordinally.</summary>
    public required string Rank { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: bumped by every edit, so a stale edit is refused rather than silently lost.</summary>
    public int Version { get; set; }
}

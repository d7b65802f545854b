using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

public sealed record LinkView(Guid Id, string Kind, string TargetId, string Label);

public sealed record CommentView(Guid Id, Guid AuthorId, string AuthorName, string Body, string BodyHtml, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long SizeBytes, string StorageKey, Guid UploadedBy, DateTimeOffset UploadedAt);

public sealed record HistoryView(Guid Id, DateTimeOffset At, Guid? UserId, string UserName, string Field, string? OldValue, string? NewValue);

public sealed record HypothesisView(
    Guid Id, Guid WorkItemId, HypothesisKpi Kpi, AssetKind ScopeKind, Guid ScopeId, double ExpectedChange, int PeriodDays,
    double? BaselineValue, DateTimeOffset? BaselineFrom, DateTimeOffset? BaselineTo, DateTimeOffset? DoneAt,
    double? MeasuredValue, DateTimeOffset? MeasuredFrom, DateTimeOffset? MeasuredTo, double? ActualChange, bool? Delivered);

/// <summary>Everything about one work item, for its detail page (<c>/backlogs/items/{id}</c>).</summary>
public sealed record WorkItemView(
    Guid Id, Guid ProductId, WorkItemType Type, string Title, string Description, string DescriptionHtml,
    string AcceptanceCriteria, string AcceptanceCriteriaHtml, Guid ColumnId, string ColumnName, ColumnCategory Category,
    Guid? AssigneeId, double? Estimate, WorkItemPriority Priority, IReadOnlyList<string> Tags, DateOnly? DueDate,
    Guid? ParentId, Guid? SprintId, string Rank, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>> CustomFields, IReadOnlyList<LinkView> Links, HypothesisView? Hypothesis);

public sealed class WorkItemRequest : IValidatableObject
{
    public WorkItemType Type { get; set; } = WorkItemType.Story;

    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(WorkItem.TitleMaxLength, ErrorMessage = "The title can be at most 200 characters.")]
    public string Title { get; set; } = "";

    [StringLength(WorkItem.TextMaxLength, ErrorMessage = "The description is too long.")]
    public string Description { get; set; } = "";

    [StringLength(WorkItem.TextMaxLength, ErrorMessage = "The acceptance criteria are too long.")]
    public string AcceptanceCriteria { get; set; } = "";

    /// <summary>Null on create: the product's first column.</summary>
    public Guid? ColumnId { get; set; }

    public Guid? AssigneeId { get; set; }
    public double? Estimate { get; set; }
    public WorkItemPriority Priority { get; set; } = WorkItemPriority.Medium;
    public List<string> Tags { get; set; } = [];
    public DateOnly? DueDate { get; set; }
    public Guid? ParentId { get; set; }
    public Guid? SprintId { get; set; }

    /// <summary>Values by field name; a field left out keeps its value on update (and is empty on create).</summary>
    public Dictionary<string, List<string>> CustomFields { get; set; } = [];

    /// <summary>On update, the version the edit started from: a stale edit answers 409 instead of overwriting.</summary>
    public int? Version { get; set; }

    /// <summary>Confirms an edit that takes the item into a column past its WIP limit.</summary>
    public bool ConfirmWipBreach { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TagSet.Problem(Tags) is { } tags) yield return new ValidationResult(tags, [nameof(Tags)]);
        if (Estimate is < 0 || (Estimate is { } e && !double.IsFinite(e))) yield return new ValidationResult("An estimate is zero or more.", [nameof(Estimate)]);
    }
}

public sealed class QuickAddRequest
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(WorkItem.TitleMaxLength, ErrorMessage = "The title can be at most 200 characters.")]
    public string Title { get; set; } = "";

    public WorkItemType Type { get; set; } = WorkItemType.Story;
    public Guid? ParentId { get; set; }
    public Guid? SprintId { get; set; }
}

public sealed class RankRequest
{
    /// <summary>Place the item right after this one (wins when both are given).</summary>
    public Guid? AfterId { get; set; }

    /// <summary>Place the item right before this one.</summary>
    public Guid? BeforeId { get; set; }
}

public sealed class MoveRequest
{
    public Guid ColumnId { get; set; }
    public Guid? AfterId { get; set; }
    public Guid? BeforeId { get; set; }
    public bool ConfirmWipBreach { get; set; }

    /// <summary>The board's swimlanes when the card was dropped; with <see cref="Swimlanes.None"/> the lane is left alone.</summary>
    public Swimlanes Lane { get; set; }

    /// <summary>The key of the lane the card was dropped into: the new assignee, or the new epic; null for "Unassigned" or "No epic".</summary>
    public Guid? LaneKey { get; set; }
}

public enum MoveStatus
{
    Moved,

    /// <summary>Nothing changed: the column is at its WIP limit; repeat with <c>ConfirmWipBreach</c>.</summary>
    NeedsConfirmation,
}

public sealed record MoveOutcome(MoveStatus Status, WorkItemView? Item, string? ColumnName = null, int? WipLimit = null, int ItemsInColumn = 0);

public sealed class BulkEditRequest : IValidatableObject
{
    public List<Guid> Ids { get; set; } = [];
    public Guid? ColumnId { get; set; }
    public Guid? AssigneeId { get; set; }
    public bool ClearAssignee { get; set; }
    public Guid? SprintId { get; set; }
    public bool ClearSprint { get; set; }
    public WorkItemPriority? Priority { get; set; }
    public List<string> AddTags { get; set; } = [];
    public List<string> RemoveTags { get; set; } = [];
    public bool ConfirmWipBreach { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Ids.Count is 0 or > 500) yield return new ValidationResult("Choose 1 to 500 items.", [nameof(Ids)]);
        if (TagSet.Problem(AddTags) is { } tags) yield return new ValidationResult(tags, [nameof(AddTags)]);
    }
}

public sealed class CommentRequest
{
    [Required(ErrorMessage = "Write a comment.")]
    [StringLength(WorkItemComment.BodyMaxLength, ErrorMessage = "A comment can be at most 10,000 characters.")]
    public string Body { get; set; } = "";
}

/// <summary>Metadata of an attached file; the bytes stay where <see cref="StorageKey"/> points (see <see cref="AttachmentLocation"/>).</summary>
public sealed class AttachmentRequest : IValidatableObject
{
    [Required(ErrorMessage = "Enter a file name.")]
    [StringLength(WorkItemAttachment.FileNameMaxLength, ErrorMessage = "A file name can be at most 255 characters.")]
    public string FileName { get; set; } = "";

    [Required(ErrorMessage = "Enter a content type, such as application/pdf.")]
    [StringLength(128, ErrorMessage = "A content type can be at most 128 characters.")]
    public string ContentType { get; set; } = "application/octet-stream";

    [Range(0, long.MaxValue, ErrorMessage = "The size is zero or more bytes.")]
    public long SizeBytes { get; set; }

    /// <summary>An http(s) link to the file, or its blob storage key.</summary>
    [Required(ErrorMessage = "Enter a link to the file or where it is stored.")]
    [StringLength(512, ErrorMessage = "A link can be at most 512 characters.")]
    public string StorageKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttachmentLocation.Problem(StorageKey) is { } problem) yield return new ValidationResult(problem, [nameof(StorageKey)]);
    }
}

public sealed class LinkRequest : IValidatableObject
{
    [Required(ErrorMessage = "Choose a kind.")]
    public string Kind { get; set; } = "";

    [Required(ErrorMessage = "Choose a target.")]
    [StringLength(WorkItemLink.TargetMaxLength)]
    public string TargetId { get; set; } = "";

    [StringLength(WorkItemLink.LabelMaxLength)]
    public string Label { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!LinkKinds.IsValid(Kind)) yield return new ValidationResult("A kind is a lower-case word with dashes, such as machine or alert.", [nameof(Kind)]);
    }
}

public sealed class HypothesisRequest : IValidatableObject
{
    public HypothesisKpi Kpi { get; set; }
    public AssetKind ScopeKind { get; set; }
    public Guid ScopeId { get; set; }
    public double ExpectedChange { get; set; }
    public int PeriodDays { get; set; } = 14;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HypothesisOutcome.Problem(Kpi, ExpectedChange, PeriodDays) is { } problem)
            yield return new ValidationResult(problem, [PeriodDays is < 1 or > HypothesisOutcome.MaxPeriodDays ? nameof(PeriodDays) : nameof(ExpectedChange)]);
    }
}

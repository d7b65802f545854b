using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>A Markdown comment on a work item.</summary>
public sealed class WorkItemComment : ITenantOwned
{
    public const int BodyMaxLength = 10_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public Guid AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Metadata of a file attached to a work item. The bytes live in blob storage under <see cref="StorageKey"/>
/// (not part of the database); this row is what lists, history and exports show.
/// </summary>
public sealed class WorkItemAttachment : ITenantOwned
{
    public const int FileNameMaxLength = 255;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public required string FileName { get; set; }
    public string ContentType { get; set; } = "application/octet-stream";
    public long SizeBytes { get; set; }
    public required string StorageKey { get; set; }
    public Guid UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

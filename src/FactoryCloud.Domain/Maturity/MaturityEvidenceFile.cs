using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// A file uploaded as evidence for one answer of an assessment (a photo of the line, an audit report). The bytes live
/// in the file store under a key made of this row's tenant and id; the row is what lists and quotas read. Deleted with
/// its answer (and so with its assessment), and its bytes with it.
/// </summary>
public sealed class MaturityEvidenceFile : ITenantOwned
{
    public const int FileNameMaxLength = 255;

    /// <summary>How many files one answer may hold.</summary>
    public const int MaxPerAnswer = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid AnswerId { get; set; }
    public required string FileName { get; set; }
    public string ContentType { get; set; } = "application/octet-stream";
    public long SizeBytes { get; set; }
    public Guid UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Lifecycle;

/// <summary>
/// The one thing left of a purged organisation: that it existed, when it was deleted and purged, and how much was
/// removed. No name, no slug, no member, nothing it owned: the operator can answer "was organisation X's data deleted,
/// and when" from the id a customer quotes, and nothing more.
/// </summary>
[SharedEntity("Outlives the organisation it records: no tenant exists any more to own it.")]
public sealed class TenantPurgeRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The purged organisation's id (no row has it any more).</summary>
    public Guid TenantId { get; set; }

    public DateTimeOffset DeletedAt { get; set; }
    public Guid? DeletedByUserId { get; set; }
    public DateTimeOffset PurgedAt { get; set; }

    /// <summary>Database rows deleted, all tables together.</summary>
    public long RowsDeleted { get; set; }

    /// <summary>Uploaded files deleted from the file store.</summary>
    public long FilesDeleted { get; set; }
}

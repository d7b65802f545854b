using System.ComponentModel.DataAnnotations;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>Settings under <c>TenantDeletion</c>.</summary>
public sealed class TenantDeletionOptions
{
    public const string Section = "TenantDeletion";

    /// <summary>How long a deleted organisation is kept (and can be restored by an Owner) before it is purged.</summary>
    public TimeSpan GracePeriod { get; set; } = TenantDeletion.DefaultGracePeriod;

    /// <summary>How often the purge job looks for organisations past their purge date (the first run is this long after start).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement (each statement is its own short transaction).</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// The pause after every statement, so other work (the telemetry store, SQLite's one writer) comes between; on SQLite
    /// at least <see cref="SqliteWriterGap.Length"/>, whatever is set.
    /// </summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>Deleting the organisation (<c>DELETE /api/v1/organisation</c>): its exact name, typed to confirm.</summary>
public sealed class DeleteOrganisationRequest
{
    [Required(ErrorMessage = "Type the organisation's name to confirm.")]
    [StringLength(Tenant.NameMaxLength + 20, ErrorMessage = "That is not the organisation's name.")]
    public string? Name { get; set; }
}

/// <summary>Whether the organisation is scheduled for deletion, and when it will be purged.</summary>
public sealed record OrganisationDeletionView(string Name, bool ScheduledForDeletion, DateTimeOffset? DeletedAt, DateTimeOffset? PurgeAfter);

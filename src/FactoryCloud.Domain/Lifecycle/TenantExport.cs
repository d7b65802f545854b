using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Lifecycle;

public enum TenantExportStatus
{
    /// <summary>Asked for; the background job has not picked it up yet (or it was interrupted and waits to be built again).</summary>
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One export of everything an organisation owns (a zip with JSON and CSV per entity, a manifest and the uploaded
/// files), built in the background. The row holds the progress the settings page shows; the zip lives in the file
/// store under the tenant's and the export's id. At most one export per tenant is queued or running (a unique index).
/// </summary>
public sealed class TenantExport : ITenantOwned
{
    /// <summary>The format of the zip's manifest; raised when files are renamed or change meaning.</summary>
    public const int FormatVersion = 1;

    /// <summary>How long a finished export can be downloaded before the job deletes it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>How often an export interrupted by a restart is built again before it is marked failed.</summary>
    public const int MaxAttempts = 3;

    public const int ErrorMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public TenantExportStatus Status { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the job deletes the export (row and zip): <see cref="Lifetime"/> after it was requested.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>While running: the instance building it holds it until then and renews it with every progress write.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int Attempts { get; set; }
    public int EntitiesDone { get; set; }
    public int EntitiesTotal { get; set; }
    public long RowsWritten { get; set; }
    public int FilesWritten { get; set; }
    public long? SizeBytes { get; set; }
    public string? Error { get; set; }

    public bool IsActive => Status is TenantExportStatus.Queued or TenantExportStatus.Running;

    public static string FitError(string message) => message.Length > ErrorMaxLength ? message[..ErrorMaxLength] : message;
}

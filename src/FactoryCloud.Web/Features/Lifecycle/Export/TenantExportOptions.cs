namespace FactoryCloud.Web.Features.Lifecycle.Export;

/// <summary>Settings under <c>TenantExport</c>.</summary>
public sealed class TenantExportOptions
{
    public const string Section = "TenantExport";

    /// <summary>Rows read per query (and files listed per query); nothing holds more than one batch.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>How often the job looks for queued, interrupted and expired exports of every organisation (a new export starts at once).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an instance holds a running export without reporting progress before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Progress is written to the database at most this often (and at the end of every entity).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);
}

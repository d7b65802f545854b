using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Files;

namespace FactoryCloud.Web.Features.Lifecycle.Export;

/// <summary>An export as the page and the API show it.</summary>
public sealed record TenantExportView(
    Guid Id, TenantExportStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    DateTimeOffset ExpiresAt, int EntitiesDone, int EntitiesTotal, long RowsWritten, int FilesWritten, long? SizeBytes, string? Error,
    string? DownloadUrl);

/// <summary>The zip of a completed export, for download.</summary>
public sealed record TenantExportFile(Stream Content, string FileName);

/// <summary>
/// The current organisation's exports: only Owners start, see and download them. Another organisation's export id is
/// not found (the tenant's query filter and row-level security); one queued or running export at a time (409).
/// </summary>
public sealed class TenantExportService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, AuditLog audit, TenantExportJob job, IFileStore files, TimeProvider clock)
{
    public const string ConflictType = "urn:factorycloud:export-running";

    public static string ContentUrl(Guid id) => $"/api/v1/organisation/exports/{id}/content";

    public async Task<OperationResult<IReadOnlyList<TenantExportView>>> ListAsync(CancellationToken ct = default)
    {
        if (RefuseNonOwner() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.TenantExports.AsNoTracking().OrderByDescending(e => e.RequestedAt).Take(20).ToListAsync(ct);
        return rows.Select(ToView).ToList();
    }

    public async Task<OperationResult<TenantExportView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (RefuseNonOwner() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.TenantExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } row
            ? ToView(row)
            : Failure.NotFound("The export");
    }

    public async Task<OperationResult<TenantExportView>> StartAsync(CancellationToken ct = default)
    {
        if (RefuseNonOwner() is { } refused) return refused;
        var tenantId = current.RequireTenantId();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.TenantExports.AnyAsync(e => e.Status == TenantExportStatus.Queued || e.Status == TenantExportStatus.Running, ct))
            return Running();
        var now = clock.GetUtcNow();
        var export = new TenantExport
        {
            TenantId = tenantId, Status = TenantExportStatus.Queued, RequestedBy = current.UserId ?? Guid.Empty,
            RequestedAt = now, ExpiresAt = now + TenantExport.Lifetime,
        };
        db.TenantExports.Add(export);
        await audit.AddAsync(db, AuditAction.TenantExportRequested, "Organisation export", $"Export {export.Id}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Running(); // another request started one at the same moment
        }
        job.Enqueue(tenantId, export.Id);
        return ToView(export);
    }

    public async Task<OperationResult<TenantExportFile>> OpenAsync(Guid id, CancellationToken ct = default)
    {
        if (RefuseNonOwner() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.TenantExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is not { } export) return Failure.NotFound("The export");
        if (export.Status != TenantExportStatus.Completed)
            return Failure.Conflict(export.Status == TenantExportStatus.Failed ? "This export failed; start a new one." : "This export is not ready yet.");
        if (await files.OpenReadAsync(TenantExportJob.KeyOf(export.TenantId, export.Id), ct) is not { } content) return Failure.NotFound("The export's file");
        var slug = current.TenantSlug is { Length: > 0 } s ? s : "organisation";
        return new TenantExportFile(content, $"factorycloud-{slug}-{export.RequestedAt.UtcDateTime:yyyyMMdd-HHmm}.zip");
    }

    private Failure? RefuseNonOwner() => current.Role == TenantRole.Owner ? null : Failure.Forbidden("Only Owners can export the organisation's data.");

    private static Failure Running() =>
        new(FailureKind.Conflict, "An export of this organisation is already being made. Wait for it to finish.") { Type = ConflictType };

    private static TenantExportView ToView(TenantExport e) => new(
        e.Id, e.Status, e.RequestedAt, e.StartedAt, e.CompletedAt, e.ExpiresAt, e.EntitiesDone, e.EntitiesTotal, e.RowsWritten,
        e.FilesWritten, e.SizeBytes, e.Error, e.Status == TenantExportStatus.Completed ? ContentUrl(e.Id) : null);
}

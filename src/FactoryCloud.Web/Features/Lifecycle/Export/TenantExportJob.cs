using System.Threading.Channels;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Files;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Lifecycle.Export;

/// <summary>
/// Builds tenant exports in the background, one at a time per process: a new export is handed over at once
/// (<see cref="Enqueue"/>); a sweep at start and every <see cref="TenantExportOptions.SweepInterval"/> picks up what is
/// queued in the database (exports asked for on another instance, or interrupted) and deletes expired exports (row and
/// zip). An instance claims an export with one conditional update and holds it by a lease it renews with every progress
/// write, so two instances never build the same export. The zip is written to a scratch file and stored in
/// <see cref="IFileStore"/> only when complete. An export interrupted by a restart is built again from the start: on
/// shutdown it is put back in the queue, after a crash its lease runs out; after <see cref="TenantExport.MaxAttempts"/>
/// attempts it is marked failed with a message saying so.
/// </summary>
public sealed class TenantExportJob(
    AppDbContextFactory contexts, TenantExportWriter writer, IFileStore files, IOptions<TenantExportOptions> options,
    TenantExportChanges changes, TimeProvider clock, ILogger<TenantExportJob> logger) : BackgroundService
{
    private readonly Channel<(Guid TenantId, Guid ExportId)> _queue = Channel.CreateUnbounded<(Guid, Guid)>(new UnboundedChannelOptions { SingleReader = true });

    public static string KeyOf(Guid tenantId, Guid exportId) => FileKeys.For(tenantId, FileKeys.Exports, exportId);

    /// <summary>Hands a queued export to this process's builder.</summary>
    public void Enqueue(Guid tenantId, Guid exportId) => _queue.Writer.TryWrite((tenantId, exportId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepLoopAsync(stoppingToken);
        try
        {
            await foreach (var (tenantId, exportId) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(tenantId, exportId, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Never let one export's failure end the loop (an unhandled exception would stop the host).
                    logger.LogError(e, "Tenant export {ExportId} could not be run", exportId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await sweeping;
    }

    private async Task SweepLoopAsync(CancellationToken ct)
    {
        await Task.Yield(); // off the host's start: SQLite's "async" calls run synchronously
        try
        {
            using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
            do
            {
                try
                {
                    await SweepAsync(ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "The tenant export sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
                }
            } while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// For every organisation, one query: deletes its expired exports and queues those waiting (or whose builder's
    /// lease ran out).
    /// </summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var shared = contexts.Create(DataScope.None))
            tenants = await shared.Tenants.Select(t => t.Id).ToListAsync(ct);
        foreach (var tenantId in tenants)
        {
            var now = clock.GetUtcNow();
            await using var db = contexts.Create(DataScope.ForTenant(tenantId));
            var due = await db.TenantExports
                .Where(e => e.Status == TenantExportStatus.Queued || (e.Status == TenantExportStatus.Running && e.LeaseUntil < now)
                            || (e.ExpiresAt < now && e.Status != TenantExportStatus.Queued && e.Status != TenantExportStatus.Running))
                .Select(e => new { e.Id, e.Status }).ToListAsync(ct);
            foreach (var export in due)
            {
                if (export.Status is TenantExportStatus.Queued or TenantExportStatus.Running) Enqueue(tenantId, export.Id);
                else await DeleteAsync(db, tenantId, export.Id, ct);
            }
        }
    }

    /// <summary>Deletes the organisation's exports past their expiry: the zip, then the row.</summary>
    public async Task<int> DeleteExpiredAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var expired = await db.TenantExports
            .Where(e => e.ExpiresAt < now && e.Status != TenantExportStatus.Queued && e.Status != TenantExportStatus.Running)
            .Select(e => e.Id).ToListAsync(ct);
        foreach (var id in expired) await DeleteAsync(db, tenantId, id, ct);
        return expired.Count;
    }

    private async Task DeleteAsync(AppDbContext db, Guid tenantId, Guid exportId, CancellationToken ct)
    {
        await files.DeleteAsync(KeyOf(tenantId, exportId), ct);
        await db.TenantExports.Where(e => e.Id == exportId).ExecuteDeleteAsync(ct);
        changes.Announce(tenantId);
    }

    /// <summary>Builds one export if it is waiting (or its builder's lease ran out); otherwise does nothing.</summary>
    public async Task RunAsync(Guid tenantId, Guid exportId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lease = options.Value.Lease;
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var claimed = await db.TenantExports
            .Where(e => e.Id == exportId && (e.Status == TenantExportStatus.Queued || (e.Status == TenantExportStatus.Running && e.LeaseUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, TenantExportStatus.Running)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.LeaseUntil, now + lease)
                .SetProperty(e => e.StartedAt, now)
                .SetProperty(e => e.EntitiesDone, 0)
                .SetProperty(e => e.RowsWritten, 0)
                .SetProperty(e => e.FilesWritten, 0), ct);
        if (claimed == 0) return;
        var export = await db.TenantExports.AsNoTracking().SingleAsync(e => e.Id == exportId, ct);
        changes.Announce(tenantId);
        if (export.Attempts > TenantExport.MaxAttempts)
        {
            await FinishAsync(db, exportId, TenantExportStatus.Failed, null,
                $"The export was interrupted {TenantExport.MaxAttempts} times (the server restarted while it was being built). Start a new export.");
            return;
        }

        string name, slug;
        await using (var shared = contexts.Create(DataScope.None))
        {
            var tenant = await shared.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Name, t.Slug }).SingleAsync(ct);
            (name, slug) = (tenant.Name, tenant.Slug);
        }

        var scratch = Path.Combine(Path.GetTempPath(), $"fc-export-{exportId:N}-{Guid.NewGuid():N}.zip");
        try
        {
            long size;
            await using (var zip = new FileStream(scratch, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose))
            {
                var lastWrite = DateTimeOffset.MinValue;
                ExportProgress? latest = null;
                async Task WriteProgressAsync(ExportProgress progress, bool force)
                {
                    latest = progress;
                    var at = clock.GetUtcNow();
                    if (!force && at - lastWrite < options.Value.ProgressInterval) return;
                    lastWrite = at;
                    var renewed = await db.TenantExports
                        .Where(e => e.Id == exportId && e.Status == TenantExportStatus.Running)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(e => e.EntitiesDone, progress.EntitiesDone)
                            .SetProperty(e => e.EntitiesTotal, progress.EntitiesTotal)
                            .SetProperty(e => e.RowsWritten, progress.RowsWritten)
                            .SetProperty(e => e.FilesWritten, progress.FilesWritten)
                            .SetProperty(e => e.LeaseUntil, at + lease), ct);
                    if (renewed == 0) throw new ExportGoneException();
                    changes.Announce(tenantId);
                }
                await writer.WriteAsync(db, new TenantExportHeader(exportId, tenantId, name, slug, now), zip, p => WriteProgressAsync(p, false), ct);
                if (latest is { } last) await WriteProgressAsync(last, true);
                size = zip.Length;
                zip.Position = 0;
                await files.SaveAsync(KeyOf(tenantId, exportId), zip, ct);
            }
            await FinishAsync(db, exportId, TenantExportStatus.Completed, size, null);
            logger.LogInformation("Tenant export {ExportId} of {TenantId} completed ({Bytes} bytes)", exportId, tenantId, size);
        }
        catch (ExportGoneException)
        {
            logger.LogInformation("Tenant export {ExportId} was deleted or taken over while being built", exportId);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: back into the queue, so the next start builds it again at once.
            await db.TenantExports.Where(e => e.Id == exportId && e.Status == TenantExportStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, TenantExportStatus.Queued).SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Tenant export {ExportId} of {TenantId} failed", exportId, tenantId);
            await FinishAsync(db, exportId, TenantExportStatus.Failed, null, "The export could not be built because of an error on the server. Start a new export; if it fails again, contact support.");
        }
        finally
        {
            File.Delete(scratch);
            changes.Announce(tenantId);
        }
    }

    private async Task FinishAsync(AppDbContext db, Guid exportId, TenantExportStatus status, long? size, string? error)
    {
        var now = clock.GetUtcNow();
        var message = error is null ? null : TenantExport.FitError(error);
        await db.TenantExports.Where(e => e.Id == exportId && e.Status == TenantExportStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, status)
                .SetProperty(e => e.CompletedAt, now)
                .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.SizeBytes, size)
                .SetProperty(e => e.Error, message), CancellationToken.None);
    }

    private sealed class ExportGoneException : Exception;
}

/// <summary>Announces a change of an organisation's exports, so its open export page refreshes at once.</summary>
public sealed class TenantExportChanges : ITenantChanges
{
    public event Action<Guid>? Changed;

    public void Announce(Guid tenantId) => Changed?.Invoke(tenantId);
}

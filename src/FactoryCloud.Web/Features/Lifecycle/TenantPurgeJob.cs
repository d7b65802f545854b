using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>
/// Purges every organisation whose grace period is over (<see cref="Tenant.PurgeAfter"/>): its uploaded files, every row
/// of every tenant-owned table (<see cref="TenantOwnedTables"/>, read from the EF model, so a table added later is
/// included; dependants before the tables they reference), the shared rows that name it (its Microsoft Entra ID link,
/// refresh tokens issued for it), then the tenant row itself, replaced by a <see cref="TenantPurgeRecord"/> in the same
/// transaction. Accounts stay (an account belongs to no one organisation).
/// <para>
/// Work is bounded like <see cref="DataRetentionJob"/>'s: <see cref="TenantDeletionOptions.BatchSize"/> rows per statement,
/// each its own transaction, then a pause. The statements run scoped to the purged tenant, so on PostgreSQL row-level
/// security applies to them as to any other; the audit trail, which the app role may not delete, goes through
/// <see cref="RowLevelSecurity.PurgeFunction"/>. A purge that stops half-way (a restart) resumes on the next pass: the
/// tenant row goes last. The embedded inbox must hold none of the tenant's messages (it takes none after the deletion;
/// any left are stored first), so a purged tenant never gets rows back from it.
/// </para>
/// </summary>
public sealed class TenantPurgeJob(
    AppDbContextFactory contexts, IFileStore files, IOptions<TenantDeletionOptions> options, TimeProvider clock,
    ILogger<TenantPurgeJob> logger, IServiceProvider? services = null) : BackgroundService
{
    /// <summary>What one purge removed.</summary>
    public sealed record Purged(Guid TenantId, long Rows, long Files, IReadOnlyDictionary<string, long> RowsPerTable);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(options.Value.PurgeInterval, clock, logger, "The organisation purge", RunAsync, stoppingToken);

    /// <summary>One pass: purges every organisation past its purge date.</summary>
    public async Task<IReadOnlyList<Purged>> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var shared = contexts.Create(DataScope.None))
            due = await shared.Tenants.Where(t => t.DeletedAt != null && t.PurgeAfter != null && t.PurgeAfter <= now).Select(t => t.Id).ToListAsync(ct);
        var purged = new List<Purged>();
        foreach (var tenantId in due)
        {
            try
            {
                if (await PurgeAsync(tenantId, ct) is { } done) purged.Add(done);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging organisation {TenantId} failed; the next pass resumes it", tenantId);
            }
        }
        return purged;
    }

    /// <summary>Purges one organisation if it is due; null when it is not (restored, not yet due, gone, or its inbox messages not yet stored).</summary>
    public async Task<Purged?> PurgeAsync(Guid tenantId, CancellationToken ct)
    {
        Tenant? tenant;
        await using (var shared = contexts.Create(DataScope.None))
            tenant = await shared.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null || !TenantDeletion.IsDue(tenant, clock.GetUtcNow())) return null;
        if (services?.GetService<TelemetryInbox>() is { } inbox && inbox.Backlog(tenantId).TenantMessages > 0)
        {
            logger.LogInformation("Organisation {TenantId} still has messages in the inbox; it is purged once they are stored", tenantId);
            return null;
        }

        var filesDeleted = await files.DeleteTenantAsync(tenantId, ct);
        var perTable = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var db = contexts.Create(DataScope.ForTenant(tenantId)))
        {
            var appendOnly = RowLevelSecurity.AppendOnlyTables(db.Model).ToHashSet(StringComparer.Ordinal);
            foreach (var table in TenantOwnedTables.InDeleteOrder(db.Model))
                perTable[table.Name] = await DeleteAllAsync(db, table, tenantId, appendOnly.Contains(table.Name), ct);
        }

        await using (var shared = contexts.Create(DataScope.None))
        {
            perTable["EntraTenantLinks"] = await shared.EntraTenantLinks.Where(l => l.TenantId == tenantId).ExecuteDeleteAsync(ct);
            // A sign-in that chose this organisation would activate nothing any more: its refresh tokens go with it.
            perTable["RefreshTokens"] = await shared.RefreshTokens.Where(t => t.PreferredTenantId == tenantId).ExecuteDeleteAsync(ct);

            var record = new TenantPurgeRecord
            {
                TenantId = tenantId, DeletedAt = tenant.DeletedAt!.Value, DeletedByUserId = tenant.DeletedByUserId, PurgedAt = clock.GetUtcNow(),
                FilesDeleted = filesDeleted,
            };
            await using var transaction = await shared.Database.BeginTransactionAsync(ct);
            perTable["Tenants"] = await shared.Tenants.Where(t => t.Id == tenantId && t.DeletedAt != null).ExecuteDeleteAsync(ct);
            record.RowsDeleted = perTable.Values.Sum();
            shared.TenantPurges.Add(record);
            await shared.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        var rows = perTable.Values.Sum();
        logger.LogInformation("Purged organisation {TenantId} (deleted {DeletedAt:u}): {Rows} rows, {Files} files", tenantId, tenant.DeletedAt, rows, filesDeleted);
        return new Purged(tenantId, rows, filesDeleted, perTable);
    }

    /// <summary>Deletes the tenant's rows of one table, <see cref="TenantDeletionOptions.BatchSize"/> per statement.</summary>
    private async Task<long> DeleteAllAsync(AppDbContext db, TenantOwnedTables.Table table, Guid tenantId, bool appendOnly, CancellationToken ct)
    {
        var batch = Math.Max(1, options.Value.BatchSize);
        var postgres = contexts.Provider == DatabaseProvider.Postgres;
        var name = Quote(table.Name);
        var column = Quote(table.TenantColumn);
        // The table and column names come from the EF model, never from input; the tenant and batch are parameters.
        var sql = (postgres, appendOnly) switch
        {
            (true, true) => $"SELECT {RowLevelSecurity.PurgeFunction}({{0}}, {{1}}, {{2}}) AS \"Value\"",
            (true, false) => $"DELETE FROM {name} WHERE ctid IN (SELECT ctid FROM {name} WHERE {column} = {{0}} LIMIT {{1}})",
            _ => $"DELETE FROM {name} WHERE rowid IN (SELECT rowid FROM {name} WHERE {column} = {{0}} LIMIT {{1}})",
        };
        long total = 0;
        int deleted;
        do
        {
            deleted = postgres && appendOnly
                ? (await db.Database.SqlQueryRaw<int>(sql, table.Name, tenantId, batch).ToListAsync(ct)).Single()
                : await db.Database.ExecuteSqlRawAsync(sql, [tenantId, batch], ct);
            total += deleted;
            if (deleted > 0) await PauseAsync(ct);
        } while (deleted == batch);
        return total;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Between two deletes: on SQLite at least <see cref="SqliteWriterGap.Length"/> (see <see cref="DataRetentionJob"/>).</summary>
    private Task PauseAsync(CancellationToken ct) =>
        SqliteWriterGap.PauseAsync(options.Value.Pause, contexts.Provider == DatabaseProvider.Sqlite, clock, ct);
}

using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using FactoryCloud.Web.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// Purging a deleted organisation, on SQLite and on PostgreSQL with row-level security: tenant A gets at least one row in
/// every tenant-owned table (checked generically from the EF model, so a new table without a sample fails here), a file,
/// its Entra link and a refresh token; tenant B the same. A is deleted, the clock moves past the grace period, the job
/// purges: no table holds a row with A's id any more (on PostgreSQL counted both as the app's RLS-restricted role in A's
/// scope and as the owner, which row-level security does not hide anything from), A's files are gone, one
/// <see cref="TenantPurgeRecord"/> remains, and B's rows and file are all still there.
/// </summary>
public sealed class TenantPurgeTests(DatabaseServers servers) : IDisposable
{
    private readonly TempDirectory _files = TempDirectory.Create("fc-purge-files");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task NothingOfAPurgedOrganisationRemainsAndAnotherOrganisationIsUntouched(DatabaseProvider provider)
    {
        // A database of its own: B's rows are counted before and after the purge, and the shared app's workers act on
        // every tenant of the shared database meanwhile (its daily digest queued an email for B's sample member once).
        await using var database = await TestDatabase.CreateAsync(provider, servers.Postgres);
        var pair = await TenantPair.CreateAsync(database);
        var store = new FolderFileStore(_files.Path);
        await SeedEverythingAsync(database, store, pair, pair.A);
        await SeedEverythingAsync(database, store, pair, pair.B);

        // The seeding check: every tenant-owned table of the model has a row of A (and of B), so the purge is tested on all of them.
        var model = database.Contexts.Create(DataScope.None).Model;
        var tables = TenantOwnedTables.All(model);
        foreach (var table in tables)
        {
            Assert.True(await CountAsync(database, table.Name, table.TenantColumn, pair.A) > 0,
                $"Tenant-owned table {table.Name} has no row of tenant A: add a sample for it to TenantOwnedSamples.");
            Assert.True(await CountAsync(database, table.Name, table.TenantColumn, pair.B) > 0, $"Table {table.Name} has no row of tenant B.");
        }
        var tenantColumns = TenantColumns(model);
        var before = new Dictionary<string, long>();
        foreach (var (table, column) in tenantColumns) before[$"{table}.{column}"] = await CountAsync(database, table, column, pair.B);

        var deletedAt = DateTimeOffset.UtcNow;
        await using (var shared = database.Contexts.Create(DataScope.None))
        {
            var tenant = await shared.Tenants.SingleAsync(t => t.Id == pair.A, Ct);
            TenantDeletion.MarkDeleted(tenant, pair.UserId, deletedAt, TimeSpan.FromDays(30));
            await shared.SaveChangesAsync(Ct);
        }
        var clock = new ManualClock(deletedAt.AddDays(29));
        // Batches of 3 rows: every table with more rows than that is deleted over several statements.
        var job = new TenantPurgeJob(database.Contexts, store, Options.Create(new TenantDeletionOptions { BatchSize = 3, Pause = TimeSpan.Zero }),
            clock, NullLogger<TenantPurgeJob>.Instance);

        // Within the grace period nothing is purged.
        Assert.DoesNotContain(await job.RunAsync(Ct), p => p.TenantId == pair.A);
        Assert.Null(await job.PurgeAsync(pair.A, Ct));
        Assert.True(await CountAsync(database, "Sites", "TenantId", pair.A) > 0);

        clock.Now = deletedAt.AddDays(30).AddMinutes(1);
        var purged = await job.PurgeAsync(pair.A, Ct);

        Assert.NotNull(purged);
        Assert.Equal(1, purged.Files);
        foreach (var (table, column) in tenantColumns)
        {
            Assert.Equal(0, await CountAsync(database, table, column, pair.A));
            if (provider == DatabaseProvider.Postgres) Assert.Equal(0, await CountAsOwnerAsync(database, table, column, pair.A));
        }
        if (provider == DatabaseProvider.Postgres)
            foreach (var table in tables) // as the app's role in A's scope: row-level security shows A's rows only, and there are none
                Assert.Equal(0, await CountInScopeAsync(database, table.Name, pair.A));
        Assert.False(Directory.Exists(Path.Combine(_files.Path, pair.A.ToString("N"))));

        await using (var shared = database.Contexts.Create(DataScope.None))
        {
            var record = await shared.TenantPurges.AsNoTracking().SingleAsync(r => r.TenantId == pair.A, Ct);
            Assert.Equal(purged.Rows, record.RowsDeleted);
            Assert.Equal(pair.UserId, record.DeletedByUserId);
            Assert.False(await shared.Tenants.AnyAsync(t => t.Id == pair.A, Ct));
            Assert.True(await shared.Users.AnyAsync(u => u.Id == pair.UserId, Ct)); // accounts stay
        }

        // B: every row and its file are still there.
        foreach (var (table, column) in tenantColumns)
        {
            var (expected, actual) = (before[$"{table}.{column}"], await CountAsync(database, table, column, pair.B));
            Assert.True(expected == actual, $"{table}.{column} of B: {expected} rows before the purge, {actual} after");
        }
        await using (var file = await store.OpenReadAsync(FileKeys.For(pair.B, "attachments", FileIdOf(pair.B)), Ct)) Assert.NotNull(file);

        // A second pass finds nothing more to do.
        Assert.Null(await job.PurgeAsync(pair.A, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARestoredOrganisationIsNotPurged(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var store = new FolderFileStore(_files.Path);
        await SeedEverythingAsync(database, store, pair, pair.A);
        var deletedAt = DateTimeOffset.UtcNow;
        await using (var shared = database.Contexts.Create(DataScope.None))
        {
            var tenant = await shared.Tenants.SingleAsync(t => t.Id == pair.A, Ct);
            TenantDeletion.MarkDeleted(tenant, pair.UserId, deletedAt, TimeSpan.FromDays(30));
            await shared.SaveChangesAsync(Ct);
            TenantDeletion.Restore(tenant);
            await shared.SaveChangesAsync(Ct);
        }
        var job = new TenantPurgeJob(database.Contexts, store, Options.Create(new TenantDeletionOptions { Pause = TimeSpan.Zero }),
            new ManualClock(deletedAt.AddDays(40)), NullLogger<TenantPurgeJob>.Instance);

        Assert.DoesNotContain(await job.RunAsync(Ct), p => p.TenantId == pair.A);
        Assert.Null(await job.PurgeAsync(pair.A, Ct));
        foreach (var table in TenantOwnedTables.All(database.Contexts.Create(DataScope.None).Model))
            Assert.True(await CountAsync(database, table.Name, table.TenantColumn, pair.A) > 0, table.Name);
        await using var kept = await store.OpenReadAsync(FileKeys.For(pair.A, "attachments", FileIdOf(pair.A)), Ct);
        Assert.NotNull(kept);
    }

    /// <summary>On PostgreSQL the app role cannot delete audit entries itself, and the purge function refuses an organisation not scheduled for deletion.</summary>
    [Fact]
    public async Task ThePurgeFunctionRefusesAnOrganisationInUse()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var pair = await TenantPair.CreateAsync(database);
        await SeedEverythingAsync(database, new FolderFileStore(_files.Path), pair, pair.A);
        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.SqlQueryRaw<int>("SELECT fc_purge_append_only({0}, {1}, {2}) AS \"Value\"", "AuditEntries", pair.A, 100).ToListAsync(Ct));
        Assert.Equal("FC002", refused.SqlState);
        var denied = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"TenantId\" = {0}", [pair.A], Ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        Assert.True(await CountAsync(database, "AuditEntries", "TenantId", pair.A) > 0);
    }

    /// <summary>A row in every tenant-owned table (each sample of <see cref="TenantOwnedSamples"/>, two of some), a file, an Entra link and a refresh token.</summary>
    private static async Task SeedEverythingAsync(TestDatabase database, IFileStore store, TenantPair pair, Guid tenantId)
    {
        foreach (var sample in TenantOwnedSamples.All)
        {
            await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
            db.Add((object)sample.Make(pair, db));
            // The samples' parents share keys ("site-1"): made unique, so many samples can live in one tenant.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added))
                if (entry.Metadata.FindProperty("Key") is { ClrType: var type } && type == typeof(string))
                    entry.Property("Key").CurrentValue = entry.Property("Key").CurrentValue + "-" + Guid.NewGuid().ToString("N")[..6];
            await db.SaveChangesAsync(Ct);
        }
        await using (var shared = database.Contexts.Create(DataScope.None))
        {
            shared.EntraTenantLinks.Add(new EntraTenantLink { TenantId = tenantId, EntraTenantId = Guid.NewGuid(), LinkedByUserId = pair.UserId, LinkedAt = DateTimeOffset.UtcNow });
            shared.RefreshTokens.Add(new RefreshToken
            {
                UserId = pair.UserId, FamilyId = Guid.NewGuid(), TokenHash = Guid.NewGuid().ToString("N"), PreferredTenantId = tenantId,
                SecurityStamp = "stamp", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1), FamilyExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            });
            await shared.SaveChangesAsync(Ct);
        }
        await store.SaveAsync(FileKeys.For(tenantId, "attachments", FileIdOf(tenantId)), new MemoryStream([1, 2, 3]), Ct);
    }

    private static Guid FileIdOf(Guid tenantId) => new(tenantId.ToByteArray().Reverse().ToArray());

    /// <summary>Every column of every table that holds an organisation's id (tenant-owned or shared), except the purge record's, which is the one trace kept on purpose.</summary>
    private static List<(string Table, string Column)> TenantColumns(IModel model) =>
        model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.ClrType != typeof(TenantPurgeRecord))
            .SelectMany(t => t.GetProperties()
                .Where(p => (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?))
                            && (p.Name.EndsWith("TenantId", StringComparison.Ordinal) && p.Name != nameof(EntraTenantLink.EntraTenantId)
                                || (t.ClrType == typeof(Tenant) && p.Name == nameof(Tenant.Id))))
                .Select(p => (t.GetTableName()!, p.GetColumnName())))
            .Distinct()
            .ToList();

    /// <summary>As the app (on PostgreSQL its RLS-restricted role), scoped to the tenant: its rows with the tenant's id in that column.</summary>
    private static async Task<long> CountAsync(TestDatabase database, string table, string column, Guid tenantId)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE \"{column}\" = {{0}}"; // names from the EF model
        return (await db.Database.SqlQueryRaw<long>(sql, tenantId).ToListAsync(Ct)).Single();
    }

    /// <summary>The app's role, scoped to the tenant: what row-level security lets it see of the table.</summary>
    private static async Task<long> CountInScopeAsync(TestDatabase database, string table, Guid tenantId)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\""; // a name from the EF model
        return (await db.Database.SqlQueryRaw<long>(sql).ToListAsync(Ct)).Single();
    }

    /// <summary>As the tables' owner (a superuser here), which row-level security hides nothing from.</summary>
    private static async Task<long> CountAsOwnerAsync(TestDatabase database, string table, string column, Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(database.AdminConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

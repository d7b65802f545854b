using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence.Postgres;

/// <summary>
/// Installing row-level security beside live traffic never exposes a table without its policy. Each test gets a
/// database of its own: they lock tables and rewrite policies, which must not disturb the tests on the shared one.
/// </summary>
public sealed class RowLevelSecurityInstallTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUpToDateDatabaseGetsNoStatementAndTakesNoTableLock()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers.Postgres);
        var model = Model(database);
        var tables = RowLevelSecurity.Policies(model).Select(p => $"\"{p.Table}\"");

        // Another session holds every tenant-owned table exclusively; any lock the install asked for would wait.
        await using var holder = await OpenAsync(database.AdminConnectionString!);
        await using var held = await holder.BeginTransactionAsync(Ct);
        await ExecuteAsync(holder, $"LOCK TABLE {string.Join(", ", tables)} IN ACCESS EXCLUSIVE MODE", held);

        await using var owner = await OpenAsync(database.AdminConnectionString!);
        await ExecuteAsync(owner, "SET lock_timeout = '2s'");
        var applied = await RowLevelSecurity.ApplyAsync(owner, model, AppRole(database), Ct);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task ADifferingPolicyIsAlteredInPlaceAndAMissingGrantIsGiven()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers.Postgres);
        await using var owner = await OpenAsync(database.AdminConnectionString!);
        await ExecuteAsync(owner, $"COMMENT ON POLICY {RowLevelSecurity.PolicyName} ON \"Sites\" IS 'stale'");
        await ExecuteAsync(owner, $"REVOKE DELETE ON \"Lines\" FROM \"{AppRole(database)}\"");

        var applied = await RowLevelSecurity.ApplyAsync(owner, Model(database), AppRole(database), Ct);

        Assert.Equal(3, applied.Count);
        Assert.StartsWith($"ALTER POLICY {RowLevelSecurity.PolicyName} ON \"Sites\"", applied[0], StringComparison.Ordinal);
        Assert.StartsWith("COMMENT ON POLICY", applied[1], StringComparison.Ordinal);
        Assert.StartsWith("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"Lines\"", applied[2], StringComparison.Ordinal);
        Assert.Empty(await RowLevelSecurity.ApplyAsync(owner, Model(database), AppRole(database), Ct));
    }

    [Fact]
    public async Task AnUpdateOrDeleteGrantOnTheAuditTrailIsRevokedAndNothingElseChanges()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers.Postgres);
        await using var owner = await OpenAsync(database.AdminConnectionString!);
        // As the deployment's ALTER DEFAULT PRIVILEGES would give a new table.
        await ExecuteAsync(owner, $"GRANT UPDATE, DELETE, TRUNCATE ON \"AuditEntries\" TO \"{AppRole(database)}\"");

        var applied = await RowLevelSecurity.ApplyAsync(owner, Model(database), AppRole(database), Ct);

        Assert.Equal(
            [$"REVOKE UPDATE, DELETE, TRUNCATE ON TABLE \"AuditEntries\" FROM \"{AppRole(database)}\"", $"GRANT SELECT, INSERT ON TABLE \"AuditEntries\" TO \"{AppRole(database)}\""],
            applied);
        Assert.Empty(await RowLevelSecurity.ApplyAsync(owner, Model(database), AppRole(database), Ct));
    }

    [Fact]
    public async Task ScopedReadsAndInsertsWaitForAPausedInstallInsteadOfMeetingABareTable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers.Postgres);
        var pair = await TenantPair.CreateAsync(database);
        await AddSiteAsync(database, pair.A);
        await using var owner = await OpenAsync(database.AdminConnectionString!);
        await ExecuteAsync(owner, $"COMMENT ON POLICY {RowLevelSecurity.PolicyName} ON \"Sites\" IS 'stale'");

        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var install = RowLevelSecurity.ApplyAsync(owner, Model(database), AppRole(database), Ct, async table =>
        {
            Assert.Equal("Sites", table);
            paused.SetResult();
            await resume.Task;
        });
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var read = CountSitesAsync(database, pair.A);
        var insert = AddSiteAsync(database, pair.A);
        await WaitForLockWaitersAsync(database, expected: 2);
        resume.SetResult();

        Assert.Equal(2, (await install).Count); // ALTER POLICY and its fingerprint comment
        // Both waited for the install's lock; which of them runs first once it is released is up to PostgreSQL, and a
        // read-committed read takes its snapshot after its lock, so it sees the waiting insert's row or not. A bare
        // table (no policy) would have shown it none.
        Assert.InRange(await read, 1, 2);
        await insert;
        Assert.Equal(2, await CountSitesAsync(database, pair.A));
    }

    [Fact]
    public async Task AMigratorInALoopBesideScopedReadsAndInsertsCausesNoFailure()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers.Postgres);
        var pair = await TenantPair.CreateAsync(database);
        await AddSiteAsync(database, pair.A);
        var model = Model(database);
        var markStale = string.Join(";", RowLevelSecurity.Policies(model).Select(p => $"COMMENT ON POLICY {RowLevelSecurity.PolicyName} ON \"{p.Table}\" IS 'stale'"));
        await using var owner = await OpenAsync(database.AdminConnectionString!);

        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var inserted = 0;
        async Task TrafficAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var before = await CountSitesAsync(database, pair.A);
                    if (before < 1) throw new InvalidOperationException($"A scoped read saw {before} sites");
                    await AddSiteAsync(database, pair.A);
                    Interlocked.Increment(ref inserted);
                }
                catch (Exception e)
                {
                    lock (failures) failures.Add(e);
                }
            }
        }
        var traffic = Enumerable.Range(0, 4).Select(_ => Task.Run(TrafficAsync, Ct)).ToArray();

        var altered = 0;
        for (var i = 0; i < 15; i++)
        {
            await ExecuteAsync(owner, markStale);
            altered += (await RowLevelSecurity.ApplyAsync(owner, model, AppRole(database), Ct)).Count(s => s.StartsWith("ALTER POLICY", StringComparison.Ordinal));
            await database.Migrator.MigrateAsync(Ct);
        }
        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        Assert.Empty(failures);
        Assert.Equal(15 * RowLevelSecurity.Policies(model).Count, altered);
        Assert.True(inserted > 0, "no scoped insert ran beside the migrator");
        Assert.Equal(inserted + 1, await CountSitesAsync(database, pair.A));
    }

    private static IModel Model(TestDatabase database)
    {
        using var db = database.Contexts.Create(DataScope.None);
        return db.Model;
    }

    private static string AppRole(TestDatabase database) => database.Settings["Database:AppRole"]!;

    private static async Task<int> CountSitesAsync(TestDatabase database, Guid tenant)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        return await db.Sites.CountAsync(Ct);
    }

    private static async Task AddSiteAsync(TestDatabase database, Guid tenant)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        var key = "s" + Guid.NewGuid().ToString("N")[..10];
        db.Sites.Add(new Site { Name = key, Key = key, TimeZone = "UTC" });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Waits (bounded) until the app role's sessions are blocked on a lock: the install holds the table.</summary>
    private static async Task WaitForLockWaitersAsync(TestDatabase database, int expected)
    {
        await using var admin = await OpenAsync(database.AdminConnectionString!);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = @role AND wait_event_type = 'Lock'", admin);
            command.Parameters.AddWithValue("role", AppRole(database));
            var waiting = (long)(await command.ExecuteScalarAsync(Ct))!;
            if (waiting == expected) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{waiting} of {expected} scoped sessions waited for the install's lock");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(Ct);
    }
}

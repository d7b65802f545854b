using FactoryCloud.Domain.Common;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence.Postgres;

/// <summary>Row-level security as a second wall: raw SQL through the app's role sees only the tenant set for its transaction.</summary>
public sealed class RowLevelSecurityTests(DatabaseServers servers)
{
    public static TheoryData<string> Entities() => new(TenantOwnedSamples.All.Select(s => s.EntityType.Name));

    [Theory, MemberData(nameof(Entities))]
    public async Task RawSqlWithoutATenantIsRefused(string entity)
    {
        var (database, _, table) = await WriteAsTenantAAsync(entity);

        await using var connection = await OpenAppConnectionAsync(database);
        var error = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(connection, table, tenant: null));
        Assert.Equal(RowLevelSecurity.NoScopeSqlState, error.SqlState);
    }

    [Fact]
    public async Task ARawCommandOnAScopedContextsConnectionOutsideATransactionIsRefused()
    {
        var (database, pair, table) = await WriteAsTenantAAsync(nameof(Domain.Plants.Site));
        await using var asA = database.Contexts.Create(DataScope.ForTenant(pair.A));
        await asA.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await using var raw = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", (NpgsqlConnection)asA.Database.GetDbConnection());
        var error = await Assert.ThrowsAsync<PostgresException>(() => raw.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.Equal(RowLevelSecurity.NoScopeSqlState, error.SqlState);
        Assert.Equal(1, await asA.Sites.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ATransactionAttachedWithUseTransactionRunsInTheContextsTenant()
    {
        var (database, pair, _) = await WriteAsTenantAAsync(nameof(Domain.Plants.Site));
        await using var asA = database.Contexts.Create(DataScope.ForTenant(pair.A));
        await asA.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await ((NpgsqlConnection)asA.Database.GetDbConnection()).BeginTransactionAsync(TestContext.Current.CancellationToken);

        await asA.Database.UseTransactionAsync(transaction, TestContext.Current.CancellationToken);

        Assert.Equal(1, await asA.Sites.CountAsync(TestContext.Current.CancellationToken));
        asA.Sites.Add(new Domain.Plants.Site { Key = "attached", Name = "Attached" });
        await asA.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await asA.Sites.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(Entities))]
    public async Task RawSqlAsTenantBSeesNoneOfTenantARows(string entity)
    {
        var (database, pair, table) = await WriteAsTenantAAsync(entity);

        await using var connection = await OpenAppConnectionAsync(database);
        Assert.Equal(0L, await CountAsync(connection, table, pair.B));
        Assert.Equal(1L, await CountAsync(connection, table, pair.A));
    }

    /// <summary>An append-only table refuses the statement itself: the app role may not delete there at all.</summary>
    [Theory, MemberData(nameof(Entities))]
    public async Task RawSqlUpdateAsTenantBChangesNoTenantARows(string entity)
    {
        var (database, pair, table) = await WriteAsTenantAAsync(entity);

        await using var connection = await OpenAppConnectionAsync(database);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await SetTenantAsync(connection, pair.B);
        await using var delete = new NpgsqlCommand($"DELETE FROM \"{table}\" WHERE \"TenantId\" = @a", connection);
        delete.Parameters.AddWithValue("a", pair.A);
        if (typeof(IAppendOnly).IsAssignableFrom(TenantOwnedSamples.For(entity).EntityType))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        else
        {
            Assert.Equal(0, await delete.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
    }

    public static TheoryData<string, string> AppendOnlyStatements()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in TenantOwnedSamples.All.Where(s => typeof(IAppendOnly).IsAssignableFrom(s.EntityType)))
            foreach (var statement in new[] { "UPDATE {0} SET \"TenantId\" = \"TenantId\"", "DELETE FROM {0}", "TRUNCATE {0}" })
                data.Add(sample.EntityType.Name, statement);
        return data;
    }

    /// <summary>Even in its own tenant, the app role can only read and add audit entries.</summary>
    [Theory, MemberData(nameof(AppendOnlyStatements))]
    public async Task RawSqlCannotChangeOrDeleteAppendOnlyRowsOfItsOwnTenant(string entity, string statement)
    {
        var (database, pair, table) = await WriteAsTenantAAsync(entity);

        await using var connection = await OpenAppConnectionAsync(database);
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await SetTenantAsync(connection, pair.A);
            await using var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, $"\"{table}\""), connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        Assert.Equal(1L, await CountAsync(connection, table, pair.A));
    }

    [Fact]
    public async Task RawSqlCannotInsertARowForAnotherTenant()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var pair = await TenantPair.CreateAsync(database);

        await using var connection = await OpenAppConnectionAsync(database);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await SetTenantAsync(connection, pair.B);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO \"Memberships\" (\"Id\", \"TenantId\", \"UserId\", \"Role\", \"JoinedAt\") VALUES (@id, @a, @u, 'Owner', now())", connection);
        insert.Parameters.AddWithValue("id", Guid.NewGuid());
        insert.Parameters.AddWithValue("a", pair.A);
        insert.Parameters.AddWithValue("u", pair.UserId);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task EveryTenantOwnedTableForcesRowLevelSecurity()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        await using var db = database.Contexts.Create(DataScope.None);
        var tables = db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).Select(t => t.GetTableName()!).ToList();

        await using var admin = new NpgsqlConnection(database.AdminConnectionString);
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                "SELECT c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = @policy) " +
                "FROM pg_class c WHERE c.relname = @table", admin);
            command.Parameters.AddWithValue("table", table);
            command.Parameters.AddWithValue("policy", RowLevelSecurity.PolicyName);
            Assert.True((bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, $"{table} does not force row-level security");
        }
    }

    [Fact]
    public async Task AppRoleNeitherOwnsTablesNorBypassesRowLevelSecurity()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        await using var connection = await OpenAppConnectionAsync(database);
        await using var command = new NpgsqlCommand(
            "SELECT r.rolsuper OR r.rolbypassrls OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.tableowner = current_user) FROM pg_roles r WHERE r.rolname = current_user",
            connection);
        Assert.False((bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    private async Task<(TestDatabase, TenantPair, string)> WriteAsTenantAAsync(string entity)
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var pair = await TenantPair.CreateAsync(database);
        var sample = TenantOwnedSamples.For(entity);
        await using var asA = database.Contexts.Create(DataScope.ForTenant(pair.A));
        asA.Add((object)sample.Make(pair, asA));
        await asA.SaveChangesAsync();
        return (database, pair, asA.Model.FindEntityType(sample.EntityType)!.GetTableName()!);
    }

    private static async Task<NpgsqlConnection> OpenAppConnectionAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, Guid tenant)
    {
        await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", connection);
        set.Parameters.AddWithValue("t", tenant.ToString());
        await set.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, Guid? tenant)
    {
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        if (tenant is { } id) await SetTenantAsync(connection, id);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

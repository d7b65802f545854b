using Npgsql;

namespace FactoryCloud.Testing.Tests;

public sealed class PostgresServerFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class PostgresServerTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private PostgresServer Server => fixture.Server;

    [Fact]
    public async Task AdminConnection_AnswersSelectOne()
    {
        Assert.Equal(1, await ScalarAsync<int>(Server.AdminConnectionString, "select 1"));
        Assert.Equal("postgres", await ScalarAsync<string>(Server.AdminConnectionString, "select current_user"));
        Assert.True(await ScalarAsync<bool>(Server.AdminConnectionString, "select rolsuper from pg_roles where rolname = current_user"));
    }

    [Fact]
    public async Task Server_ListensOnLoopbackWithDurabilityOffAndTwoHundredConnections()
    {
        var settings = await ScalarAsync<string>(
            Server.AdminConnectionString,
            "select string_agg(name || '=' || setting, ',' order by name) from pg_settings " +
            "where name in ('listen_addresses','fsync','synchronous_commit','full_page_writes','max_connections','server_encoding','port')");

        Assert.Equal(
            $"fsync=off,full_page_writes=off,listen_addresses=127.0.0.1,max_connections=200,port={Server.Port},server_encoding=UTF8,synchronous_commit=off",
            settings);
    }

    [Fact]
    public async Task CreateDatabase_ReturnsConnectionStringToAFreshDatabaseOwnedByPostgres()
    {
        var connectionString = await Server.CreateDatabaseAsync("fresh_db", TestContext.Current.CancellationToken);

        Assert.Equal("fresh_db", await ScalarAsync<string>(connectionString, "select current_database()"));
        Assert.Equal("postgres", await ScalarAsync<string>(
            Server.AdminConnectionString,
            "select pg_get_userbyid(datdba) from pg_database where datname = 'fresh_db'"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "select count(*) from pg_tables where schemaname = 'public'"));
    }

    [Fact]
    public async Task CreateLoginRole_CanConnectButIsNeitherSuperuserNorOwnerNorRlsBypasser()
    {
        var adminOfDatabase = await Server.CreateDatabaseAsync("app_db", TestContext.Current.CancellationToken);
        var appConnectionString = await Server.CreateLoginRoleAsync("app_user", "s3cret'quote", "app_db", TestContext.Current.CancellationToken);

        Assert.Equal("app_user", await ScalarAsync<string>(appConnectionString, "select current_user"));
        Assert.Equal("app_db", await ScalarAsync<string>(appConnectionString, "select current_database()"));
        Assert.Equal(
            "False,False,False,False",
            await ScalarAsync<string>(appConnectionString,
                "select concat_ws(',', initcap(rolsuper::text), initcap(rolbypassrls::text), initcap(rolcreatedb::text), initcap(rolcreaterole::text)) " +
                "from pg_roles where rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync<long>(adminOfDatabase, "select count(*) from pg_database where datdba = 'app_user'::regrole"));

        var denied = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(appConnectionString, "create database not_allowed"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

public sealed class PostgresServerLifecycleTests
{
    [Fact]
    public async Task Dispose_StopsTheServer_ClosesThePort_DeletesTheDirectory_AndIsIdempotent()
    {
        var started = DateTime.UtcNow;
        var server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL started in {(DateTime.UtcNow - started).TotalSeconds:0.00} s on port {server.Port}");
        var directory = server.DirectoryPath;
        Assert.True(Directory.Exists(directory));
        Assert.True(FreePort.IsAcceptingConnections(server.Port));

        var stopping = DateTime.UtcNow;
        await server.DisposeAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL stopped and deleted in {(DateTime.UtcNow - stopping).TotalSeconds:0.00} s");
        await server.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.False(FreePort.IsAcceptingConnections(server.Port));
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TwoServers_RunSideBySideOnDifferentPorts()
    {
        await using var first = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);
        await using var second = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Port, second.Port);
        Assert.NotEqual(first.DirectoryPath, second.DirectoryPath);
        await Server1HasDatabaseThatServer2LacksAsync(first, second);
    }

    private static async Task Server1HasDatabaseThatServer2LacksAsync(PostgresServer first, PostgresServer second)
    {
        await first.CreateDatabaseAsync("only_on_first", TestContext.Current.CancellationToken);

        await using var connection = new NpgsqlConnection(second.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = 'only_on_first'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}

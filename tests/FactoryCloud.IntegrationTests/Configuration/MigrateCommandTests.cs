using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using Npgsql;

namespace FactoryCloud.IntegrationTests.Configuration;

/// <summary><c>dotnet FactoryCloud.Web.dll migrate</c>: the deployment job's step that migrates and installs RLS, then exits.</summary>
public sealed class MigrateCommandTests(DatabaseServers servers)
{
    [Fact]
    public async Task Migrate_applies_the_schema_and_row_level_security_and_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await servers.Postgres.CreateDatabaseAsync("fc_migrate_" + Guid.NewGuid().ToString("N")[..8], ct);
        var web = AppAssemblies.Web();

        var result = await ProcessRunner.RunAsync("dotnet", [web, "migrate", "--Database:Provider=Postgres", $"--Database:ConnectionString={admin}", "--Mqtt:Mode=None"],
            new ProcessRunOptions
            {
                Timeout = TimeSpan.FromSeconds(120),
                ThrowOnNonZeroExitCode = false,
                WorkingDirectory = Path.GetDirectoryName(web),
                Environment = new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production" },
            }, ct);

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT relforcerowsecurity FROM pg_class WHERE relname = 'Memberships'), to_regclass('\"EntraTenantLinks\"') IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.True(reader.GetBoolean(0), "Memberships has no forced row-level security");
        Assert.True(reader.GetBoolean(1), "the EntraTenantLinks table is missing");
    }
}

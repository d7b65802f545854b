using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// A migrated database for one provider, configured exactly as the app configures itself. On PostgreSQL the app
/// connects as a login role that neither owns the tables nor bypasses row-level security.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _sqliteDirectory;

    private TestDatabase(DatabaseProvider provider, IReadOnlyDictionary<string, string?> settings, string? sqliteDirectory, string? adminConnectionString)
    {
        Provider = provider;
        Settings = settings;
        AdminConnectionString = adminConnectionString;
        _sqliteDirectory = sqliteDirectory;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddFactoryCloudPersistence(configuration, Path.GetTempPath())
            .BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Configuration keys to hand to the app under test.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>PostgreSQL only: the owner's (superuser's) connection, for checks behind the app's back.</summary>
    public string? AdminConnectionString { get; }

    public string AppConnectionString => Settings["Database:ConnectionString"]!;

    public AppDbContextFactory Contexts => _services.GetRequiredService<AppDbContextFactory>();

    /// <summary>Contexts configured as <see cref="Contexts"/>, with <paramref name="interceptor"/> added (to watch their commands).</summary>
    public AppDbContextFactory ContextsWith(IInterceptor interceptor) => new(
        new DbContextOptionsBuilder<AppDbContext>(_services.GetRequiredService<DbContextOptions<AppDbContext>>()).AddInterceptors(interceptor).Options,
        Provider);

    /// <summary>The ingestion settings cache that saves through <see cref="Contexts"/> keep up to date.</summary>
    public TelemetrySettingsCache IngestionSettings => _services.GetRequiredService<TelemetrySettingsCache>();

    /// <summary>The app's own migrator for this database (the deployment's <c>migrate</c> step).</summary>
    public DatabaseMigrator Migrator => _services.GetRequiredService<DatabaseMigrator>();

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        var name = "fc_" + Guid.NewGuid().ToString("N")[..12];
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("fc-sqlite-").FullName;
            database = new TestDatabase(provider, new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, name + ".db")}",
            }, directory, null);
        }
        else
        {
            var admin = await postgres.CreateDatabaseAsync(name);
            var role = name + "_app";
            var password = Guid.NewGuid().ToString("N");
            await postgres.CreateLoginRoleAsync(role, password);
            database = new TestDatabase(provider, new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = postgres.GetConnectionString(name, role, password),
                ["Database:AdminConnectionString"] = admin,
                ["Database:AppRole"] = role,
            }, null, admin);
        }
        await database.Migrator.MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteDirectory is not null) Directory.Delete(_sqliteDirectory, recursive: true);
    }
}

using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>Brings the database schema up to date; on PostgreSQL also (re)installs row-level security as the owner.</summary>
public sealed class DatabaseMigrator(DatabaseOptions options, AppDbContextFactory factory, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteDirectory(options.ConnectionString!);
            await using var context = factory.Create(DataScope.None);
            await context.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            var ownerOptions = new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql(options.AdminConnectionString ?? options.ConnectionString)
                .Options;
            await using var owner = new PostgresAppDbContext(ownerOptions, DataScope.None);
            await owner.Database.MigrateAsync(cancellationToken);
            await RowLevelSecurity.ApplyAsync(owner, options.AppRole, cancellationToken);
        }
        logger.LogInformation("Database {Provider} is up to date", options.Provider);
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}

using FactoryCloud.Infrastructure.Persistence.Postgres;
using Microsoft.Data.Sqlite;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// Brings the database schema up to date; on PostgreSQL also brings row-level security and the app role's grants up to
/// date as the owner (see <see cref="RowLevelSecurity"/>: one transaction, only what differs, so running it beside
/// live traffic or another migrator never exposes a table without its policy).
/// </summary>
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
            if ((await owner.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                await owner.Database.MigrateAsync(cancellationToken);
            var changes = await RowLevelSecurity.ApplyAsync(owner, options.AppRole, cancellationToken);
            if (changes.Count > 0) logger.LogInformation("Row-level security: {Count} statements applied", changes.Count);
        }
        logger.LogInformation("Database {Provider} is up to date", options.Provider);
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}

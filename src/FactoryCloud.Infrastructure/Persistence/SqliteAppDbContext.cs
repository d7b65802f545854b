using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>SQLite flavour of <see cref="AppDbContext"/>: owns the SQLite migrations.</summary>
public sealed class SqliteAppDbContext(DbContextOptions options, DataScope scope) : AppDbContext(options, scope)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no timestamp type; a sortable integer keeps ORDER BY and range filters in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

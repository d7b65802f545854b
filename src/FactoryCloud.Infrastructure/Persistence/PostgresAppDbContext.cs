using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>PostgreSQL flavour of <see cref="AppDbContext"/>: owns the PostgreSQL migrations.</summary>
public sealed class PostgresAppDbContext : AppDbContext
{
    public PostgresAppDbContext(DbContextOptions options, DataScope scope) : base(options, scope) =>
        // Every save runs in a transaction, where the row-level security settings are set once at its start
        // (see Postgres/TenantTransactionInterceptor).
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Backlog ranks must sort ordinally (byte order) whatever the database's locale.
        builder.Entity<WorkItem>().Property(w => w.Rank).UseCollation("C");
    }
}

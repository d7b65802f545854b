namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// Creates contexts for an explicit <see cref="DataScope"/>: for work that is not a signed-in user's request, such as
/// sign-up, accepting an invitation or a queue consumer handling one tenant's message. Requests and circuits use
/// <see cref="CurrentScopeDbContextFactory"/> instead.
/// </summary>
public sealed class AppDbContextFactory(DbContextOptions<AppDbContext> options, DatabaseProvider provider)
{
    public DatabaseProvider Provider { get; } = provider;

    public AppDbContext Create(DataScope scope) => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresAppDbContext(options, scope),
        _ => new SqliteAppDbContext(options, scope),
    };
}

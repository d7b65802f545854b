namespace FactoryCloud.Infrastructure.Persistence;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, one machine, no row-level security.</summary>
    Sqlite,

    /// <summary>Production: several app instances, row-level security as a second wall between tenants.</summary>
    Postgres,
}

namespace FactoryCloud.Infrastructure.Persistence;

public enum DatabaseAuth
{
    /// <summary>The password in the connection string.</summary>
    Password,

    /// <summary>
    /// Azure Database for PostgreSQL with Microsoft Entra authentication: the connection string names the managed
    /// identity as user, and the password is an Entra token (scope <c>https://ossrdbms-aad.database.windows.net/.default</c>)
    /// from Azure.Identity, refreshed before it expires.
    /// </summary>
    ManagedIdentity,
}

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite database's file, or null (PostgreSQL, or an in-memory SQLite): what lives beside it (the inbox, uploaded files) goes where it goes.</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite
        && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource is { Length: > 0 } file && file != ":memory:"
            ? file
            : null;

    /// <summary>The app's connection. On PostgreSQL this must be a role that does not own the tables, so row-level security applies.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL only: the owner's connection, used to migrate and to install row-level security. Defaults to <see cref="ConnectionString"/>.</summary>
    public string? AdminConnectionString { get; set; }

    /// <summary>PostgreSQL only: the non-owner role the app connects as; migrating grants it table privileges.</summary>
    public string? AppRole { get; set; }

    /// <summary>PostgreSQL only: <see cref="DatabaseAuth.ManagedIdentity"/> signs in with an Entra token instead of a password.</summary>
    public DatabaseAuth Auth { get; set; } = DatabaseAuth.Password;

    /// <summary>
    /// Apply pending migrations (and row-level security) when the app starts. Unset: only on SQLite, the one-process
    /// embedded default. On PostgreSQL the deployment's <c>migrate</c> step is the one migrator, and web and worker
    /// instances migrate only when this is set to true.
    /// </summary>
    public bool? ApplyMigrations { get; set; }

    public bool MigratesOnStart => ApplyMigrations ?? Provider == DatabaseProvider.Sqlite;
}

using Azure.Core;
using Azure.Identity;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database for the configured provider. Contexts always carry a <see cref="DataScope"/>:
    /// <see cref="IDbContextFactory{AppDbContext}"/> and the scoped <see cref="AppDbContext"/> use the current
    /// request's or circuit's tenant; <see cref="AppDbContextFactory"/> takes an explicit scope.
    /// </summary>
    /// <param name="databaseCredential">With <c>Database:Auth=ManagedIdentity</c>: where the Entra tokens come from (default <c>DefaultAzureCredential</c>).</param>
    public static IServiceCollection AddFactoryCloudPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath, TokenCredential? databaseCredential = null)
    {
        var options = ResolveDatabaseOptions(configuration, contentRootPath);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        if (options.Provider == DatabaseProvider.Postgres && options.Auth == DatabaseAuth.ManagedIdentity)
            builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.ConfigureDataSource(source => UseEntraPasswords(source, databaseCredential ?? new DefaultAzureCredential())));
        else if (options.Provider == DatabaseProvider.Postgres)
            builder.UseNpgsql(options.ConnectionString);
        if (options.Provider == DatabaseProvider.Postgres)
            builder.AddInterceptors(TenantCommandInterceptor.Instance, TenantTransactionInterceptor.Instance);
        else
            builder.UseSqlite(options.ConnectionString).AddInterceptors(Persistence.SqliteBusyTimeout.Instance);
        // Every context of this process tells the ingestion settings cache (and, on PostgreSQL, the other processes)
        // about committed changes of loss settings and cycle times.
        var settingsChanges = new Telemetry.Store.TelemetrySettingsChanges();
        builder.AddInterceptors(settingsChanges);
        // People told about their work (assigned, mentioned, watched status, sprint), in the save that changes it.
        var personalNotices = new Notifications.PersonalNotices();
        builder.AddInterceptors(personalNotices);
        // Uploaded files' bytes go when their rows do (also by cascade), once the deletion is committed.
        var storedFiles = new Files.StoredFileCleanup();
        builder.AddInterceptors(storedFiles);
        // A quota check and the save that adds what it counted are one step per tenant.
        var quotaLock = new Quotas.QuotaLock();
        builder.AddInterceptors(quotaLock);

        services.AddSingleton(options);
        services.AddSingleton(builder.Options);
        services.AddSingleton(new AppDbContextFactory(builder.Options, options.Provider));
        services.AddSingleton<DatabaseMigrator>();
        services.AddScoped<CurrentTenant>();
        services.AddScoped<IDbContextFactory<AppDbContext>, CurrentScopeDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddScoped<MembershipDirectory>();
        services.AddSingleton<Devices.DeviceAuthenticator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Email.IEmailSender, Email.LoggingEmailSender>();
        services.AddSingleton<Telemetry.Store.TelemetryNotifications>();
        services.AddSingleton(settingsChanges);
        services.AddSingleton(personalNotices);
        services.AddSingleton<Telemetry.Store.TelemetrySettingsCache>();
        services.AddSingleton(storedFiles);
        services.AddSingleton(quotaLock);
        services.TryAddSingleton<Alerts.AlertNotifications>();
        services.TryAddSingleton<Devices.DeviceCredentialChanges>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // Its own small pool: the LISTEN connection stays open for the life of the process.
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresChangeFeed>(sp, BuildDataSource(options, databaseCredential)));
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeFeed>());
        }
        services.AddSingleton<Telemetry.Store.ITelemetryStore, Telemetry.Store.TelemetryStore>();
        return services;
    }

    public static DatabaseOptions ResolveDatabaseOptions(IConfiguration configuration, string contentRootPath)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString(options.Provider.ToString());
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            options.ConnectionString ??= "Data Source=App_Data/factorycloud.db";
            var sqlite = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
                sqlite.DataSource = Path.Combine(contentRootPath, sqlite.DataSource);
            options.ConnectionString = sqlite.ToString();
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new Configuration.InvalidSettingException(
                "Database:Provider is Postgres but no connection string is set: set Database:ConnectionString or ConnectionStrings:Postgres.");
        }
        options.AdminConnectionString ??= configuration.GetConnectionString("PostgresAdmin");
        if (options.Auth == DatabaseAuth.ManagedIdentity && options.Provider != DatabaseProvider.Postgres)
            throw new Configuration.InvalidSettingException("Database:Auth=ManagedIdentity needs Database:Provider=Postgres.");
        if (options.Auth == DatabaseAuth.ManagedIdentity && !string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString).Password))
            throw new Configuration.InvalidSettingException("Database:Auth=ManagedIdentity but the PostgreSQL connection string has a Password; remove it (the password is an Entra token).");
        return options;
    }

    private static Npgsql.NpgsqlDataSource BuildDataSource(DatabaseOptions options, TokenCredential? databaseCredential)
    {
        var source = new Npgsql.NpgsqlDataSourceBuilder(options.ConnectionString);
        if (options.Auth == DatabaseAuth.ManagedIdentity) UseEntraPasswords(source, databaseCredential ?? new DefaultAzureCredential());
        return source.Build();
    }

    /// <summary>The Entra scope of Azure Database for PostgreSQL.</summary>
    public const string PostgresEntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    // Physical connections open with the latest token; it is fetched again every 30 minutes (tokens live 60-90).
    private static void UseEntraPasswords(Npgsql.NpgsqlDataSourceBuilder source, TokenCredential credential) =>
        source.UsePeriodicPasswordProvider(
            async (_, ct) => (await credential.GetTokenAsync(new TokenRequestContext([PostgresEntraScope]), ct)).Token,
            TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
}

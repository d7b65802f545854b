using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database for the configured provider. Contexts always carry a <see cref="DataScope"/>:
    /// <see cref="IDbContextFactory{AppDbContext}"/> and the scoped <see cref="AppDbContext"/> use the current
    /// request's or circuit's tenant; <see cref="AppDbContextFactory"/> takes an explicit scope.
    /// </summary>
    public static IServiceCollection AddFactoryCloudPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var options = ResolveDatabaseOptions(configuration, contentRootPath);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        if (options.Provider == DatabaseProvider.Postgres)
            builder.UseNpgsql(options.ConnectionString).AddInterceptors(TenantCommandInterceptor.Instance, TenantTransactionInterceptor.Instance);
        else
            builder.UseSqlite(options.ConnectionString);

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
        services.AddSingleton<Ingestion.TelemetryNotifications>();
        services.AddSingleton<Ingestion.ITelemetryStore, Ingestion.TelemetryStore>();
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
        return options;
    }
}

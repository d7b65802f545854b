using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Web;
using FactoryCloud.Web.Components;

return await StartupGuard.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddFactoryCloudWeb();

    var app = builder.Build();
    StartupGuard.ValidateSettings(app.Services);
    // "migrate": a deployment job applies migrations and row-level security with the owner's connection, then exits.
    var migrateOnly = args.Length > 0 && args[0] == "migrate";
    if (migrateOnly || app.Services.GetRequiredService<DatabaseOptions>().MigratesOnStart)
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    if (migrateOnly) return;

    app.UseFactoryCloudWeb();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    await app.RunAsync();
});

/// <summary>Entry point; public so functional tests can host the app with WebApplicationFactory.</summary>
public partial class Program;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>The real web app, in memory, on a real database configured as in production.</summary>
/// <param name="configure">More set-up of the host, e.g. test services.</param>
public sealed class FactoryCloudApp(
    TestDatabase database, IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    private readonly FactoryCloud.Testing.TempDirectory _files = FactoryCloud.Testing.TempDirectory.Create("fc-files");

    public TestDatabase Database { get; } = database;

    /// <summary>The folder uploaded files go to (a temp folder of this app, removed with it).</summary>
    public string FilesPath => _files.Path;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        InProcessHosts.BuildLock.Wait(); // see InProcessHosts
        try
        {
            return base.CreateHost(builder);
        }
        finally
        {
            InProcessHosts.BuildLock.Release();
        }
    }

    /// <summary>A client of the in-process app, with cookies, following redirects.</summary>
    public new HttpClient CreateClient() =>
        CreateDefaultClient(new CookieContainerHandler(), new RedirectHandler());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        // The database is migrated once by the fixture; an app start must not migrate it again beside other tests.
        builder.UseSetting("Database:ApplyMigrations", "false");
        builder.UseSetting("Mqtt:Mode", "None");
        builder.UseSetting("Files:Path", _files.Path);
        // Tests run the roll-up job's passes themselves: a pass in the background of the shared app would write
        // roll-ups into other tests' tenants while they count them.
        builder.UseSetting("RollUps:Interval", "1.00:00:00");
        // The suite signs up and signs in hundreds of accounts from one address (TestServer has none): limits far
        // above that, not switched off. RateLimitTests use an app with low limits.
        foreach (var rule in (string[])["SignInPerAddress", "SignUpPerAddress", "ApiPerClient"])
            builder.UseSetting($"RateLimits:{rule}:PermitLimit", "1000000");
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        configure?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

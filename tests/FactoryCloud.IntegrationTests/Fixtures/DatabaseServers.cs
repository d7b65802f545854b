using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Testing;

[assembly: AssemblyFixture(typeof(FactoryCloud.IntegrationTests.Fixtures.DatabaseServers))]

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// One real PostgreSQL server for the whole test run (started from Debian's binaries in a temp dir), plus a shared,
/// migrated database per provider. Tests make their own tenants, so they share a database without interfering.
/// </summary>
public sealed class DatabaseServers : IAsyncLifetime
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<DatabaseProvider, TestDatabase> _shared = [];
    private readonly Dictionary<DatabaseProvider, FactoryCloudApp> _apps = [];

    public PostgresServer Postgres { get; private set; } = default!;

    public async ValueTask InitializeAsync() => Postgres = await PostgresServer.StartAsync();

    public async Task<TestDatabase> SharedAsync(DatabaseProvider provider)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_shared.TryGetValue(provider, out var database))
                _shared[provider] = database = await TestDatabase.CreateAsync(provider, Postgres);
            return database;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The web app over the shared database of <paramref name="provider"/>.</summary>
    public async Task<FactoryCloudApp> AppAsync(DatabaseProvider provider)
    {
        var database = await SharedAsync(provider);
        await _lock.WaitAsync();
        try
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                _apps[provider] = app = new FactoryCloudApp(database);
                _ = app.Server; // starts the host (and its migration step) once, under the lock
            }
            return app;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values) await app.DisposeAsync();
        foreach (var database in _shared.Values) await database.DisposeAsync();
        await Postgres.DisposeAsync();
        _lock.Dispose();
    }
}

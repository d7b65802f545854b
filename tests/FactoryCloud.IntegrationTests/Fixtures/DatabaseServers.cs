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

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _shared.Values) await database.DisposeAsync();
        await Postgres.DisposeAsync();
        _lock.Dispose();
    }
}

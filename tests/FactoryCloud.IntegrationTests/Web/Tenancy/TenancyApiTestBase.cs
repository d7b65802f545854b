using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

/// <summary>API tests run against the production shape: PostgreSQL with row-level security, the app as a non-owner role.</summary>
public abstract class TenancyApiTestBase(DatabaseServers servers) : IAsyncLifetime
{
    protected FactoryCloudApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync() => App = await servers.AppAsync(DatabaseProvider.Postgres);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using Azure.Core;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence.Postgres;

/// <summary>
/// <c>Database:Auth=ManagedIdentity</c>: connections take their password from an Entra token for Azure Database for
/// PostgreSQL. (The test server trusts loopback, so this proves the token is requested and used, not that a wrong one fails.)
/// </summary>
public sealed class EntraDatabaseAuthTests(DatabaseServers servers)
{
    [Fact]
    public async Task Connections_ask_the_credential_for_a_postgres_token_and_work()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var withoutPassword = new NpgsqlConnectionStringBuilder(database.AppConnectionString) { Password = null, Pooling = false }.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = withoutPassword,
            ["Database:Auth"] = "ManagedIdentity",
        }).Build();
        var credential = new RecordingCredential();
        await using var services = new ServiceCollection().AddLogging()
            .AddFactoryCloudPersistence(configuration, Path.GetTempPath(), credential).BuildServiceProvider();

        await using var db = services.GetRequiredService<AppDbContextFactory>().Create(DataScope.None);
        var tenants = await db.Tenants.CountAsync(TestContext.Current.CancellationToken);

        Assert.True(tenants >= 0);
        Assert.Contains(DependencyInjection.PostgresEntraScope, credential.Scopes);
    }

    [Fact]
    public void A_password_beside_managed_identity_is_refused_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=db;Username=id-fc-web;Password=secret",
            ["Database:Auth"] = "ManagedIdentity",
        }).Build();

        var error = Assert.Throws<FactoryCloud.Infrastructure.Configuration.InvalidSettingException>(() => DependencyInjection.ResolveDatabaseOptions(configuration, "/"));
        Assert.Contains("Database:Auth", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes) Scopes.Add(scope);
            return new AccessToken("entra-token-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

using System.Net.Http.Headers;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Entra;

/// <summary>The web app on PostgreSQL, configured for Entra sign-in against a <see cref="TestEntraAuthority"/>.</summary>
public abstract class EntraTestContext(DatabaseServers servers) : IAsyncLifetime
{
    protected TestEntraAuthority Authority { get; private set; } = default!;
    protected FactoryCloudApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Authority = await TestEntraAuthority.StartAsync();
        App = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), Authority.AppSettings, RemoteAddress.Simulate);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Authority.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Links <paramref name="owner"/>'s organisation to a new Entra tenant, as an Owner would.</summary>
    protected async Task<Guid> LinkAsync(ApiSession owner, Guid? groupId = null, TenantRole groupRole = TenantRole.Viewer)
    {
        var entraTenantId = Guid.NewGuid();
        await using var db = App.Database.Contexts.Create(DataScope.None);
        db.EntraTenantLinks.Add(new EntraTenantLink
        {
            TenantId = owner.TenantId, EntraTenantId = entraTenantId, MemberGroupId = groupId, GroupRole = groupRole,
            LinkedByUserId = owner.UserId, LinkedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return entraTenantId;
    }

    protected HttpClient ClientWith(string accessToken)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}

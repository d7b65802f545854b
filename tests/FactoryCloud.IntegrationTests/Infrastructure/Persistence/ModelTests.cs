using FactoryCloud.Domain.Common;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence;

public sealed class ModelTests(DatabaseServers servers)
{
    /// <summary>ASP.NET Core Identity's own tables: they hang off the global user account, like <c>AppUser</c>.</summary>
    private static readonly string[] IdentityFrameworkTypes =
        ["IdentityRole`1", "IdentityRoleClaim`1", "IdentityUserClaim`1", "IdentityUserLogin`1", "IdentityUserRole`1", "IdentityUserToken`1", "IdentityUserPasskey`1"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryEntityIsTenantOwnedOrExplicitlyShared(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        await using var db = database.Contexts.Create(DataScope.None);

        var unmarked = db.Model.GetEntityTypes()
            .Select(t => t.ClrType)
            .Where(t => !typeof(ITenantOwned).IsAssignableFrom(t)
                        && t.GetCustomAttributes(typeof(SharedEntityAttribute), inherit: false).Length == 0
                        && !IdentityFrameworkTypes.Contains(t.Name))
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(unmarked);
    }

    [Fact]
    public async Task EveryTenantOwnedEntityHasAnIsolationTestSample()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Sqlite);
        await using var db = database.Contexts.Create(DataScope.None);

        var tenantOwned = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(ITenantOwned).IsAssignableFrom(t));
        var sampled = TenantOwnedSamples.All.Select(s => s.EntityType);

        Assert.Empty(tenantOwned.Except(sampled).Select(t => t.Name));
    }

    [Fact]
    public async Task EveryTenantOwnedEntityHasTheTenantQueryFilter()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Sqlite);
        await using var db = database.Contexts.Create(DataScope.None);

        var unfiltered = db.Model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType))
            .Where(t => t.GetDeclaredQueryFilters().All(f => f.Key != AppDbContext.TenantFilter))
            .Select(t => t.ClrType.Name);

        Assert.Empty(unfiltered);
    }
}

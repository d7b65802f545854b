using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence;

/// <summary>For every tenant-owned entity, on both providers: what tenant A writes, tenant B can neither see nor touch.</summary>
public sealed class TenantIsolationTests(DatabaseServers servers)
{
    public static TheoryData<DatabaseProvider, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            foreach (var sample in TenantOwnedSamples.All)
                data.Add(provider, sample.EntityType.Name);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task TenantBSeesNothingOfTenantA(DatabaseProvider provider, string entity)
    {
        var (database, pair, sample, _) = await WriteAsTenantAAsync(provider, entity);

        await using var asB = database.Contexts.Create(DataScope.ForTenant(pair.B));
        Assert.Empty(await sample.Query(asB).ToListAsync(TestContext.Current.CancellationToken));
        await using var asA = database.Contexts.Create(DataScope.ForTenant(pair.A));
        Assert.Single(await sample.Query(asA).ToListAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Through the context the query filter shows nothing (EF folds the null scope into a constant false, so the
    /// statement never reaches a row). A statement that bypasses the context is refused by row-level security
    /// instead: see RowLevelSecurityTests.
    /// </summary>
    [Theory, MemberData(nameof(Cases))]
    public async Task NoTenantSeesNothing(DatabaseProvider provider, string entity)
    {
        var (database, _, sample, _) = await WriteAsTenantAAsync(provider, entity);

        await using var none = database.Contexts.Create(DataScope.None);
        Assert.Empty(await sample.Query(none).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task TenantBCannotUpdateTenantARow(DatabaseProvider provider, string entity)
    {
        var (database, pair, _, row) = await WriteAsTenantAAsync(provider, entity);

        await using var asB = database.Contexts.Create(DataScope.ForTenant(pair.B));
        asB.Attach(row);
        asB.Entry(row).State = EntityState.Modified;
        await Assert.ThrowsAsync<TenantMismatchException>(() => asB.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task TenantBCannotDeleteTenantARow(DatabaseProvider provider, string entity)
    {
        var (database, pair, sample, row) = await WriteAsTenantAAsync(provider, entity);

        await using (var asB = database.Contexts.Create(DataScope.ForTenant(pair.B)))
        {
            asB.Remove((object)row);
            await Assert.ThrowsAsync<TenantMismatchException>(() => asB.SaveChangesAsync());
        }
        await using var asA = database.Contexts.Create(DataScope.ForTenant(pair.A));
        Assert.Single(await sample.Query(asA).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task TenantBCannotInsertIntoTenantA(DatabaseProvider provider, string entity)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var sample = TenantOwnedSamples.For(entity);
        await using var asB = database.Contexts.Create(DataScope.ForTenant(pair.B));
        var row = sample.Make(pair, asB);
        row.TenantId = pair.A;
        asB.Add((object)row);
        await Assert.ThrowsAsync<TenantMismatchException>(() => asB.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task NewRowIsStampedWithTheCurrentTenant(DatabaseProvider provider, string entity)
    {
        var (_, pair, _, row) = await WriteAsTenantAAsync(provider, entity);
        Assert.Equal(pair.A, row.TenantId);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task WritingWithoutATenantIsRefused(DatabaseProvider provider, string entity)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);

        await using var none = database.Contexts.Create(DataScope.ForUser(pair.UserId));
        none.Add((object)TenantOwnedSamples.For(entity).Make(pair, none));
        await Assert.ThrowsAsync<TenantMismatchException>(() => none.SaveChangesAsync());
    }

    private async Task<(TestDatabase, TenantPair, TenantOwnedSamples.Sample, Domain.Common.ITenantOwned)> WriteAsTenantAAsync(DatabaseProvider provider, string entity)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var sample = TenantOwnedSamples.For(entity);
        await using var asA = database.Contexts.Create(DataScope.ForTenant(pair.A));
        var row = sample.Make(pair, asA);
        asA.Add((object)row);
        await asA.SaveChangesAsync();
        return (database, pair, sample, row);
    }
}

using FactoryCloud.Domain.Audit;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Infrastructure.Persistence;

/// <summary>Audit entries can be added and read, never changed or deleted through the context, on both providers.</summary>
public sealed class AppendOnlyTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangingAnAuditEntryIsRefusedAndNothingIsSaved(DatabaseProvider provider)
    {
        var (database, pair, id) = await WriteEntryAsync(provider);

        await using (var db = database.Contexts.Create(DataScope.ForTenant(pair.A)))
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Id == id, Ct);
            entry.Details = "rewritten";
            entry.ActorName = "someone-else@test";
            await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Equal("Viewer → Admin", (await ReadAsync(database, pair, id))!.Details);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeletingAnAuditEntryIsRefusedAndNothingIsSaved(DatabaseProvider provider)
    {
        var (database, pair, id) = await WriteEntryAsync(provider);

        await using (var db = database.Contexts.Create(DataScope.ForTenant(pair.A)))
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == id, Ct));
            await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.NotNull(await ReadAsync(database, pair, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnAttachedEntryMarkedModifiedIsRefusedToo(DatabaseProvider provider)
    {
        var (database, pair, id) = await WriteEntryAsync(provider);

        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));
        var forged = new AuditEntry { Id = id, TenantId = pair.A, Target = "Nothing happened", OccurredAt = DateTimeOffset.UtcNow };
        db.AuditEntries.Update(forged);
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync(Ct));
        Assert.Equal("Member someone@test", (await ReadAsync(database, pair, id))!.Target);
    }

    private async Task<(TestDatabase, TenantPair, Guid)> WriteEntryAsync(DatabaseProvider provider)
    {
        var database = await servers.SharedAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));
        var entry = (AuditEntry)TenantOwnedSamples.For(nameof(AuditEntry)).Make(pair, db);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(Ct);
        return (database, pair, entry.Id);
    }

    private static async Task<AuditEntry?> ReadAsync(TestDatabase database, TenantPair pair, Guid id)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(pair.A));
        return await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, Ct);
    }
}

using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Tenancy;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>Two fresh tenants, A and B, and a user, written through the shared tables.</summary>
public sealed record TenantPair(Guid A, Guid B, Guid UserId)
{
    public static async Task<TenantPair> CreateAsync(TestDatabase database)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var a = new Tenant { Name = "Tenant A " + suffix, Slug = "a-" + suffix, CreatedAt = DateTimeOffset.UtcNow };
        var b = new Tenant { Name = "Tenant B " + suffix, Slug = "b-" + suffix, CreatedAt = DateTimeOffset.UtcNow };
        var user = new AppUser { UserName = $"u-{suffix}@test", Email = $"u-{suffix}@test", NormalizedEmail = $"U-{suffix}@TEST".ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow };
        await using var db = database.Contexts.Create(DataScope.None);
        db.Tenants.AddRange(a, b);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new TenantPair(a.Id, b.Id, user.Id);
    }
}

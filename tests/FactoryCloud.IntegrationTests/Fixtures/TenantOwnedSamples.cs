using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Persistence;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// How to make a valid row of every tenant-owned entity, for the isolation tests. A model test fails when a
/// tenant-owned entity has no sample here, so every new one is covered by the isolation tests.
/// </summary>
public static class TenantOwnedSamples
{
    public sealed record Sample(Type EntityType, Func<TenantPair, ITenantOwned> Make, Func<AppDbContext, IQueryable<ITenantOwned>> Query);

    public static readonly IReadOnlyList<Sample> All =
    [
        new(typeof(Membership),
            pair => new Membership { UserId = pair.UserId, Role = TenantRole.Viewer, JoinedAt = DateTimeOffset.UtcNow },
            db => db.Memberships),
        new(typeof(Invitation),
            _ => new Invitation
            {
                Email = "someone@test", Role = TenantRole.TeamMember, TokenHash = Guid.NewGuid().ToString("N"),
                CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            },
            db => db.Invitations),
    ];

    public static Sample For(string entityName) => All.Single(s => s.EntityType.Name == entityName);
}

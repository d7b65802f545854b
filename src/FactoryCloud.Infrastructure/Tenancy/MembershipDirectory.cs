namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>
/// Looks up a user's own memberships across tenants. It reads through a user-scoped context, which the data layer
/// lets see that user's memberships and nothing else that is tenant-owned.
/// </summary>
public sealed class MembershipDirectory(AppDbContextFactory factory)
{
    public async Task<IReadOnlyList<ActiveMembership>> ListForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Create(DataScope.ForUser(userId));
        return await db.Memberships
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { m, t })
            .OrderBy(x => x.t.Name)
            .Select(x => new ActiveMembership(x.t.Id, x.t.Name, x.t.Slug, x.m.Role,
                x.t.RequireTwoFactor && !db.Users.Any(u => u.Id == userId && u.TwoFactorEnabled),
                x.t.DeletedAt == null ? null : x.t.PurgeAfter))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The membership to activate: the chosen tenant while the user still belongs to it, or their first tenant when
    /// they have not chosen one. A choice that is no longer valid activates nothing, rather than silently acting in
    /// another tenant (a script's token for one tenant must never start changing another). With no choice, an
    /// organisation in use comes before one scheduled for deletion.
    /// </summary>
    public async Task<ActiveMembership?> ResolveAsync(Guid userId, Guid? preferredTenantId, CancellationToken cancellationToken = default)
    {
        var memberships = await ListForUserAsync(userId, cancellationToken);
        if (preferredTenantId is not null) return memberships.FirstOrDefault(m => m.TenantId == preferredTenantId);
        return memberships.FirstOrDefault(m => m.DeletionPurgeAfter is null) ?? (memberships.Count > 0 ? memberships[0] : null);
    }
}

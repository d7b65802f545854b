namespace FactoryCloud.Web.Features.Demo;

/// <summary>The demo organisation: the one its configured owner account (<see cref="DemoOptions.Email"/>) owns.</summary>
public sealed record DemoOrganisation(Guid TenantId, string Slug, Guid OwnerId)
{
    public const string Name = "Demo Manufacturing";

    public static async Task<DemoOrganisation?> FindAsync(AppDbContextFactory contexts, string email, CancellationToken ct)
    {
        await using var shared = contexts.Create(DataScope.None);
        var owner = await shared.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (owner is not { } ownerId) return null;
        var memberships = await new MembershipDirectory(contexts).ListForUserAsync(ownerId, ct);
        return memberships.FirstOrDefault(m => m.Role == TenantRole.Owner) is { } membership
            ? new DemoOrganisation(membership.TenantId, membership.TenantSlug, ownerId)
            : null;
    }

    /// <summary>Makes <paramref name="current"/> act as the demo organisation's owner (background seeding has no signed-in user).</summary>
    public void ActAsOwner(CurrentTenant current) => current.Set(OwnerId, new ActiveMembership(TenantId, Name, Slug, TenantRole.Owner));
}

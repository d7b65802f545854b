using FactoryCloud.Infrastructure.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>Lists the current tenant's members, changes their roles and removes them; a tenant always keeps an Owner.</summary>
public sealed class MembersService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, AuditLog audit)
{
    public async Task<IReadOnlyList<MemberView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Memberships
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.Email)
            .Select(x => new MemberView(x.m.Id, x.u.Id, x.u.Email!, x.u.DisplayName, x.m.Role, x.m.JoinedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<OperationResult> ChangeRoleAsync(Guid membershipId, TenantRole role, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role)) return Failure.Invalid("Role", "Choose one of the roles.");
        return await ChangeAsync(membershipId, (target, owners) => MembershipRules.CheckRoleChange(current.Role!.Value, target, role, owners),
            (db, target) =>
            {
                var details = $"{target.Role} → {role}";
                target.Role = role;
                return (AuditAction.MemberRoleChanged, details);
            }, cancellationToken);
    }

    public Task<OperationResult> RemoveAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        ChangeAsync(membershipId, (target, owners) => MembershipRules.CheckRemoval(current.Role!.Value, target, owners),
            (db, target) =>
            {
                db.Memberships.Remove(target);
                return (AuditAction.MemberRemoved, $"Was {target.Role}");
            }, cancellationToken);

    private async Task<OperationResult> ChangeAsync(
        Guid membershipId, Func<Membership, int, MembershipChangeError> check, Func<AppDbContext, Membership, (AuditAction, string)> apply,
        CancellationToken cancellationToken)
    {
        if (current.Role is not { } actor || !actor.CanManageMembers())
            return Failure.Forbidden("Only Owners and Admins can change members.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var target = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return Failure.NotFound("The member");

        var owners = await db.Memberships.CountAsync(m => m.Role == TenantRole.Owner, cancellationToken);
        switch (check(target, owners))
        {
            case MembershipChangeError.LastOwner:
                return Failure.Conflict("The organisation's last Owner cannot be removed or demoted. Make someone else an Owner first.");
            case MembershipChangeError.NotAllowed:
                return Failure.Forbidden("Your role does not allow this change.");
        }

        var user = await db.Users.FirstAsync(u => u.Id == target.UserId, cancellationToken);
        var (action, details) = apply(db, target);
        // The member's sessions and tokens were granted under the old role: they end, and the member signs in again.
        SecurityStamps.Renew(user);
        await audit.AddAsync(db, action, $"Member {user.Email}", details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Success;
    }
}

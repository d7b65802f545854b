namespace FactoryCloud.Domain.Tenancy;

public enum MembershipChangeError
{
    None,
    LastOwner,
    NotAllowed,
}

/// <summary>Rules for changing a tenant's memberships: a tenant always keeps at least one Owner.</summary>
public static class MembershipRules
{
    public static MembershipChangeError CheckRoleChange(
        TenantRole actorRole, Membership target, TenantRole newRole, int ownerCount)
    {
        if (!actorRole.CanGrant(newRole)) return MembershipChangeError.NotAllowed;
        if (target.Role == TenantRole.Owner && actorRole != TenantRole.Owner) return MembershipChangeError.NotAllowed;
        if (target.Role == TenantRole.Owner && newRole != TenantRole.Owner && ownerCount <= 1)
            return MembershipChangeError.LastOwner;
        return MembershipChangeError.None;
    }

    public static MembershipChangeError CheckRemoval(TenantRole actorRole, Membership target, int ownerCount)
    {
        if (!actorRole.CanManageMembers()) return MembershipChangeError.NotAllowed;
        if (target.Role == TenantRole.Owner && actorRole != TenantRole.Owner) return MembershipChangeError.NotAllowed;
        if (target.Role == TenantRole.Owner && ownerCount <= 1) return MembershipChangeError.LastOwner;
        return MembershipChangeError.None;
    }
}

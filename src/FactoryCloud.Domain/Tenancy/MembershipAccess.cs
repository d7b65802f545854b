namespace FactoryCloud.Domain.Tenancy;

/// <summary>Whether access granted earlier (when a session or circuit opened) still holds against the membership now.</summary>
public static class MembershipAccess
{
    /// <summary>
    /// Holds while the user is still a member of the same tenant with at least the role they were granted. Removal,
    /// another tenant or a lowered role end it; a raised role does not (the new rights apply on the next page load).
    /// Nothing granted means nothing to lose.
    /// </summary>
    public static bool StillHolds(Guid? grantedTenantId, TenantRole? grantedRole, Guid? currentTenantId, TenantRole? currentRole)
    {
        if (grantedTenantId is null || grantedRole is null) return true;
        if (currentTenantId != grantedTenantId || currentRole is null) return false;
        return currentRole.Value <= grantedRole.Value; // lower value = more privileged
    }
}

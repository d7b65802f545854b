namespace FactoryCloud.Domain.Tenancy;

/// <summary>What each role may do. The single place the role matrix lives.</summary>
public static class TenantRoles
{
    public static bool CanManageMembers(this TenantRole role) => role is TenantRole.Owner or TenantRole.Admin;

    /// <summary>Everyone but a Viewer may change the tenant's data.</summary>
    public static bool CanEdit(this TenantRole role) => role != TenantRole.Viewer;

    public static bool CanManagePlants(this TenantRole role) =>
        role is TenantRole.Owner or TenantRole.Admin or TenantRole.PlantManager;

    /// <summary>Only an Owner may make someone an Owner.</summary>
    public static bool CanGrant(this TenantRole granter, TenantRole granted) =>
        granter.CanManageMembers() && (granted != TenantRole.Owner || granter == TenantRole.Owner);
}

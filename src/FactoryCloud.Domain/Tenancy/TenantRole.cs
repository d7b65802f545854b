namespace FactoryCloud.Domain.Tenancy;

/// <summary>A member's role in one tenant, from most to least privileged.</summary>
public enum TenantRole
{
    Owner = 0,
    Admin = 1,
    PlantManager = 2,
    TeamMember = 3,
    Viewer = 4,
}

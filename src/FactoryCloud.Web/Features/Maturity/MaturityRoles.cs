namespace FactoryCloud.Web.Features.Maturity;

/// <summary>
/// Who may do what with maturity assessments: every member reads; assessors (every role but Viewer) take and
/// edit assessments; approving an assessment and editing the tenant's model are the business owners' call
/// (Owner, Admin).
/// </summary>
public static class MaturityRoles
{
    public static bool CanAssess(this TenantRole? role) => role?.CanEdit() == true;

    public static bool CanApproveAndEditModels(this TenantRole? role) => role is TenantRole.Owner or TenantRole.Admin;

    public static Failure CannotAssess => Failure.Forbidden("Viewers can read assessments but not change them.");

    public static Failure CannotApprove => Failure.Forbidden("Only Owners and Admins can approve assessments and edit maturity models.");
}

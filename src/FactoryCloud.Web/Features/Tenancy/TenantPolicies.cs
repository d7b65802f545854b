using Microsoft.AspNetCore.Authorization;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>Authorization policies over the verified membership's role (see <see cref="TenantRoles"/>).</summary>
public static class TenantPolicies
{
    public const string Member = "TenantMember";
    public const string Owner = "TenantOwner";
    public const string Editor = "TenantEditor";
    public const string ManageMembers = "ManageMembers";
    public const string ManagePlants = "ManagePlants";

    public static AuthorizationBuilder AddTenantPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Member, p => p.RequireAssertion(c => c.User.VerifiedMembership() is not null))
        .AddPolicy(Owner, p => p.RequireAssertion(c => c.User.VerifiedMembership()?.Role == TenantRole.Owner))
        .AddPolicy(Editor, p => p.RequireAssertion(c => c.User.VerifiedMembership()?.Role.CanEdit() == true))
        .AddPolicy(ManageMembers, p => p.RequireAssertion(c => c.User.VerifiedMembership()?.Role.CanManageMembers() == true))
        .AddPolicy(ManagePlants, p => p.RequireAssertion(c => c.User.VerifiedMembership()?.Role.CanManagePlants() == true));
}

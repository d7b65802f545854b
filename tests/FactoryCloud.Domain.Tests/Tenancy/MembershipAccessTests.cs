using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Tests.Tenancy;

public sealed class MembershipAccessTests
{
    private static readonly Guid Acme = Guid.NewGuid();

    [Fact]
    public void The_same_membership_still_holds() =>
        Assert.True(MembershipAccess.StillHolds(Acme, TenantRole.PlantManager, Acme, TenantRole.PlantManager));

    [Fact]
    public void A_removed_membership_ends_access() =>
        Assert.False(MembershipAccess.StillHolds(Acme, TenantRole.PlantManager, null, null));

    [Fact]
    public void A_lowered_role_ends_access() =>
        Assert.False(MembershipAccess.StillHolds(Acme, TenantRole.Admin, Acme, TenantRole.Viewer));

    [Fact]
    public void A_raised_role_keeps_the_lesser_access_granted() =>
        Assert.True(MembershipAccess.StillHolds(Acme, TenantRole.Viewer, Acme, TenantRole.Admin));

    [Fact]
    public void A_membership_of_another_tenant_does_not_stand_in() =>
        Assert.False(MembershipAccess.StillHolds(Acme, TenantRole.Viewer, Guid.NewGuid(), TenantRole.Owner));

    [Fact]
    public void Nothing_granted_means_nothing_to_lose() =>
        Assert.True(MembershipAccess.StillHolds(null, null, null, null));
}

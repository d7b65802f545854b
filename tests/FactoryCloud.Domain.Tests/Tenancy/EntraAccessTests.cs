using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Tests.Tenancy;

public sealed class EntraAccessTests
{
    [Fact]
    public void An_unlinked_entra_tenant_gets_nobody_in_whatever_else_is_true() =>
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.NotRegistered, null),
            EntraAccess.Decide(tenantLinked: false, TenantRole.Owner, memberJoinedViaGroup: false, TenantRole.Admin, inMemberGroup: true, TenantRole.Viewer));

    [Fact]
    public void An_existing_member_keeps_their_role_over_invitation_and_group() =>
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.Member, TenantRole.PlantManager),
            EntraAccess.Decide(true, TenantRole.PlantManager, false, TenantRole.Admin, true, TenantRole.Viewer));

    [Fact]
    public void An_invitation_wins_over_the_group_role() =>
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.JoinByInvitation, TenantRole.Admin),
            EntraAccess.Decide(true, null, false, TenantRole.Admin, true, TenantRole.Viewer));

    [Fact]
    public void A_group_member_joins_with_the_group_role() =>
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.JoinByGroup, TenantRole.TeamMember),
            EntraAccess.Decide(true, null, false, null, true, TenantRole.TeamMember));

    [Fact]
    public void Someone_neither_member_invited_nor_in_the_group_is_not_let_in()
    {
        var decision = EntraAccess.Decide(true, null, false, null, false, TenantRole.TeamMember);
        Assert.Equal(EntraAccessOutcome.NotInvited, decision.Outcome);
        Assert.False(decision.GetsIn);
    }

    [Fact]
    public void A_member_who_joined_through_the_group_and_left_it_gets_nothing()
    {
        var decision = EntraAccess.Decide(true, TenantRole.Admin, memberJoinedViaGroup: true, TenantRole.Admin, inMemberGroup: false, TenantRole.Viewer);
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.LeftGroup, null), decision);
        Assert.False(decision.GetsIn);
    }

    [Fact]
    public void A_member_who_joined_through_the_group_and_is_still_in_it_keeps_their_role() =>
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.Member, TenantRole.Admin),
            EntraAccess.Decide(true, TenantRole.Admin, memberJoinedViaGroup: true, null, inMemberGroup: true, TenantRole.Viewer));

    [Fact]
    public void An_invited_member_keeps_access_whatever_their_groups() =>
        Assert.Equal(new EntraAccessDecision(EntraAccessOutcome.Member, TenantRole.TeamMember),
            EntraAccess.Decide(true, TenantRole.TeamMember, memberJoinedViaGroup: false, null, inMemberGroup: false, TenantRole.Viewer));
}

namespace FactoryCloud.Domain.Tenancy;

public enum EntraAccessOutcome
{
    /// <summary>The token's Entra tenant is linked to no FactoryCloud organisation.</summary>
    NotRegistered,

    /// <summary>The organisation is linked, but this user was neither invited nor is in the configured group.</summary>
    NotInvited,

    /// <summary>Already a member: keeps the role they have.</summary>
    Member,

    /// <summary>
    /// A member who joined through the configured group and is no longer in it (or the link no longer names a group):
    /// gets nothing until they are back in the group. The membership stays, so an Owner sees and can remove it.
    /// </summary>
    LeftGroup,

    /// <summary>Joins with the invitation's role.</summary>
    JoinByInvitation,

    /// <summary>Joins with the link's group role.</summary>
    JoinByGroup,
}

/// <param name="Outcome">Whether and how the user gets in.</param>
/// <param name="Role">The role they get in with; null unless they get in.</param>
public sealed record EntraAccessDecision(EntraAccessOutcome Outcome, TenantRole? Role)
{
    public bool GetsIn => Role is not null;
}

/// <summary>
/// Who gets into a linked organisation with an Entra sign-in. An existing membership wins (its role may have been
/// changed on the Members page since) unless it came from the configured group and the user has left that group;
/// then an open invitation to the user's address; then the configured group.
/// </summary>
public static class EntraAccess
{
    public static EntraAccessDecision Decide(
        bool tenantLinked, TenantRole? existingRole, bool memberJoinedViaGroup, TenantRole? invitedRole, bool inMemberGroup, TenantRole groupRole)
    {
        if (!tenantLinked) return new(EntraAccessOutcome.NotRegistered, null);
        if (existingRole is { } role)
            return memberJoinedViaGroup && !inMemberGroup ? new(EntraAccessOutcome.LeftGroup, null) : new(EntraAccessOutcome.Member, role);
        if (invitedRole is { } invited) return new(EntraAccessOutcome.JoinByInvitation, invited);
        if (inMemberGroup) return new(EntraAccessOutcome.JoinByGroup, groupRole);
        return new(EntraAccessOutcome.NotInvited, null);
    }
}

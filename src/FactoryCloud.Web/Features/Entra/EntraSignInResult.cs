namespace FactoryCloud.Web.Features.Entra;

public enum EntraSignInStatus
{
    SignedIn,

    /// <summary>The Entra tenant is linked to no organisation.</summary>
    NotRegistered,

    /// <summary>The organisation is linked, but this user was neither invited nor is in its Entra group.</summary>
    NotInvited,

    /// <summary>The user joined through the organisation's Entra group and is no longer in it.</summary>
    LeftGroup,

    /// <summary>A local account already uses the address; it must link Microsoft sign-in itself (never taken over by address).</summary>
    EmailTaken,

    /// <summary>The token carries no address to create an account with.</summary>
    NoEmail,
}

/// <param name="UserId">The FactoryCloud user, when signed in (or known but refused).</param>
/// <param name="TenantId">The linked organisation: the one signed in to, or the one that refused the user.</param>
public sealed record EntraSignInResult(EntraSignInStatus Status, Guid? UserId = null, Guid? TenantId = null);

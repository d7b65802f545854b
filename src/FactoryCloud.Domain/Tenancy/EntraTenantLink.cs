using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Tenancy;

/// <summary>
/// A FactoryCloud organisation linked to one Microsoft Entra tenant by an Owner: users of that Entra tenant who were
/// invited, or who belong to <see cref="MemberGroupId"/>, may sign in with Entra ID.
/// </summary>
[SharedEntity("Found by the Entra tenant id of a token at sign-in, before any FactoryCloud tenant is active.")]
public sealed class EntraTenantLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The FactoryCloud tenant; one link per tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The Entra tenant id (the tokens' <c>tid</c>); linked to at most one FactoryCloud tenant.</summary>
    public Guid EntraTenantId { get; set; }

    /// <summary>An Entra group (object id, as in the tokens' <c>groups</c> claim) whose members get in with <see cref="GroupRole"/>.</summary>
    public Guid? MemberGroupId { get; set; }

    public TenantRole GroupRole { get; set; } = TenantRole.Viewer;

    public Guid LinkedByUserId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

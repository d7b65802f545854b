using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Tenancy;

/// <summary>A user's membership of one tenant, with one role.</summary>
public sealed class Membership : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public TenantRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>Joined through the linked Entra tenant's group: holds only while the user is in that group.</summary>
    public bool JoinedViaEntraGroup { get; set; }

    /// <summary>The page this member opens first in this organisation (their own choice; Home by default).</summary>
    public StartPage StartPage { get; set; } = StartPage.Home;
}

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
}

using FactoryCloud.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Infrastructure.Identity;

/// <summary>A person who can sign in. Users are global: one account may belong to several tenants.</summary>
[SharedEntity("A user account is global and joins tenants through memberships.")]
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.AccessTokens;

/// <summary>
/// A token a member made for a script or an integration: it acts as that member in this tenant, narrowed to its
/// <see cref="Scopes"/>, until it expires or is revoked. Only the SHA-256 hash of the secret is stored.
/// </summary>
public sealed class PersonalAccessToken : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The stored form of <see cref="TokenScopes"/>.</summary>
    public required string Scopes { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The token's first characters, to tell tokens apart in a list.</summary>
    public required string Hint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.AccessTokens;

/// <summary>
/// One refresh token of a sign-in. Every rotation adds a token to the same <see cref="FamilyId"/> and marks the one it
/// replaced as used; presenting a used token again is reuse, which revokes the whole family. Only the SHA-256 hash of
/// the secret is stored. The token remembers the user's security stamp when the family began: once the stamp changes
/// (password change, sign-out, removal, role change) the family no longer refreshes.
/// </summary>
[SharedEntity("A refresh token belongs to a user's sign-in, which is global; the tenant it was issued for is only a preference.")]
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>The tenant the sign-in chose, carried into each new access token (membership is checked per request).</summary>
    public Guid? PreferredTenantId { get; set; }

    public required string SecurityStamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the family's first token was issued plus <see cref="RefreshTokenLifetime.Absolute"/>: no rotation passes it.</summary>
    public DateTimeOffset FamilyExpiresAt { get; set; }

    /// <summary>When this token was exchanged for its successor.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

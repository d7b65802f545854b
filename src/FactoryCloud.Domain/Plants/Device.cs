using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Plants;

/// <summary>MQTT credentials for a machine or a gateway. Only the password's hash is stored.</summary>
public sealed class Device : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public DeviceScopeKind ScopeKind { get; set; }

    /// <summary>The machine, line or site the device is scoped to.</summary>
    public Guid ScopeId { get; set; }

    public required string ClientId { get; set; }
    public required string Username { get; set; }

    /// <summary>mosquitto's PBKDF2-SHA512 format (<c>$7$</c>), so the password file can be exported as is.</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

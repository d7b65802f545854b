using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Infrastructure.Devices;

/// <summary>
/// Checks a device's MQTT credentials. The username starts with the tenant's slug (<c>acme.3f9a1c</c>), so the
/// device is looked up inside that tenant only; the client id is bound to the credentials. The devices of an
/// organisation scheduled for deletion are refused (and, once the deletion is announced, disconnected).
/// </summary>
public sealed class DeviceAuthenticator(AppDbContextFactory contexts)
{
    public async Task<DeviceIdentity?> AuthenticateAsync(string? clientId, string? username, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || string.IsNullOrEmpty(clientId) || username.Length > 128) return null;
        var dot = username.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        var slug = username[..dot];

        Guid tenantId;
        await using (var shared = contexts.Create(DataScope.None))
            tenantId = await shared.Tenants.Where(t => t.Slug == slug && t.DeletedAt == null).Select(t => t.Id).FirstOrDefaultAsync(ct);
        if (tenantId == Guid.Empty) return null;

        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Username == username && d.RevokedAt == null, ct);
        if (device is null || device.ClientId != clientId || !DevicePassword.Verify(password, device.PasswordHash)) return null;

        var scope = await DeviceScopes.ResolveAsync(db, slug, device.ScopeKind, device.ScopeId, ct);
        return scope is null ? null
            : new DeviceIdentity(tenantId, slug, device.Id, device.ClientId, scope.Scope) { CredentialsSince = device.RotatedAt ?? device.CreatedAt };
    }

    /// <summary>Of <paramref name="devices"/> (one tenant's), those whose credentials were since revoked or rotated.</summary>
    public async Task<IReadOnlyList<DeviceIdentity>> EndedAsync(Guid tenantId, IReadOnlyCollection<DeviceIdentity> devices, CancellationToken ct = default)
    {
        var ids = devices.Select(d => d.DeviceId).Distinct().ToList();
        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        // Every device of an organisation scheduled for deletion has ended.
        if (await db.Tenants.AnyAsync(t => t.Id == tenantId && t.DeletedAt != null, ct)) return devices.ToList();
        var current = await db.Devices.Where(d => ids.Contains(d.Id) && d.RevokedAt == null)
            .Select(d => new { d.Id, Since = d.RotatedAt ?? d.CreatedAt }).ToDictionaryAsync(d => d.Id, d => d.Since, ct);
        return devices.Where(d => !current.TryGetValue(d.DeviceId, out var since) || since != d.CredentialsSince).ToList();
    }
}

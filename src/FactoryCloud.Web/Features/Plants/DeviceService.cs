using System.Security.Cryptography;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Mqtt;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>Issues, rotates and revokes MQTT credentials for a machine, or for a line or site (an edge gateway).</summary>
public sealed class DeviceService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, IOptions<MqttConnectionOptions> mqtt, AuditLog audit, TimeProvider clock,
    DeviceCredentialChanges credentialChanges, Lifecycle.QuotaGuard quotas, BuiltInBroker? broker = null)
{
    public async Task<OperationResult<DeviceCredentials>> IssueAsync(DeviceScopeKind kind, Guid scopeId, CancellationToken ct = default)
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can issue device credentials.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ScopeOfAsync(db, kind, scopeId, ct) is not { } scope) return Failure.NotFound($"The {kind.ToString().ToLowerInvariant()}");
        if (await quotas.CheckAsync(db, Domain.Lifecycle.Quota.Devices, 1, ct) is { } overQuota) return overQuota;

        var password = DevicePassword.Generate();
        var suffix = RandomSuffix();
        var device = new Device
        {
            ScopeKind = kind, ScopeId = scopeId,
            ClientId = $"{current.TenantSlug}-{scope.Leaf}-{suffix}",
            Username = $"{current.TenantSlug}.{suffix}",
            PasswordHash = DevicePassword.Hash(password),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Devices.Add(device);
        await audit.AddAsync(db, AuditAction.DeviceCredentialsIssued, Describe(device), $"Topics {scope.Filter}", ct);
        await db.SaveChangesAsync(ct);
        return Credentials(device, password, scope.Filter);
    }

    public async Task<OperationResult<DeviceCredentials>> RotateAsync(Guid deviceId, CancellationToken ct = default)
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can rotate device credentials.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, ct) is not { } device) return Failure.NotFound("The device");
        if (!device.IsActive) return Failure.Conflict("This device's credentials were revoked; issue new ones.");
        if (await ScopeOfAsync(db, device.ScopeKind, device.ScopeId, ct) is not { } scope) return Failure.NotFound("The device's machine, line or site");

        var password = DevicePassword.Generate();
        device.PasswordHash = DevicePassword.Hash(password);
        device.RotatedAt = clock.GetUtcNow();
        await audit.AddAsync(db, AuditAction.DeviceCredentialsRotated, Describe(device), $"Topics {scope.Filter}", ct);
        await db.SaveChangesAsync(ct);
        credentialChanges.Publish(device.TenantId); // the broker disconnects a device still connected with the old password
        return Credentials(device, password, scope.Filter);
    }

    public async Task<OperationResult> RevokeAsync(Guid deviceId, CancellationToken ct = default)
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can revoke device credentials.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, ct) is not { } device) return Failure.NotFound("The device");
        if (device.RevokedAt is null)
        {
            device.RevokedAt = clock.GetUtcNow();
            await audit.AddAsync(db, AuditAction.DeviceCredentialsRevoked, Describe(device), null, ct);
        }
        await db.SaveChangesAsync(ct);
        credentialChanges.Publish(device.TenantId); // the broker disconnects the device if it is connected
        return OperationResult.Success;
    }

    public async Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var devices = await db.Devices.OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var views = new List<DeviceView>(devices.Count);
        foreach (var d in devices)
        {
            var filter = (await ScopeOfAsync(db, d.ScopeKind, d.ScopeId, ct))?.Filter ?? "";
            views.Add(new DeviceView(d.Id, d.ScopeKind, d.ScopeId, d.ClientId, d.Username, filter, d.CreatedAt, d.RotatedAt, d.RevokedAt));
        }
        return views;
    }

    /// <summary>
    /// The tenant's active devices as a mosquitto password file (<c>user:$7$...</c>) and ACL file (each device may
    /// write only inside its scope), for running devices through an external mosquitto.
    /// </summary>
    public async Task<OperationResult<MosquittoFiles>> ExportMosquittoAsync(CancellationToken ct = default)
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can export device credentials.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var passwords = new System.Text.StringBuilder();
        var acl = new System.Text.StringBuilder();
        foreach (var device in await db.Devices.Where(d => d.RevokedAt == null).OrderBy(d => d.Username).ToListAsync(ct))
        {
            // A device is never left out silently: the broker would then refuse its every publish with no word why.
            if (await ScopeOfAsync(db, device.ScopeKind, device.ScopeId, ct) is not { } scope)
                return Failure.Conflict($"Device {device.Username} is scoped to a {device.ScopeKind.ToString().ToLowerInvariant()} that no longer exists; revoke it before exporting.");
            passwords.Append(device.Username).Append(':').Append(device.PasswordHash).Append('\n');
            acl.Append("user ").Append(device.Username).Append('\n').Append("topic write ").Append(scope.Filter).Append("\n\n");
        }
        return new MosquittoFiles(passwords.ToString(), acl.ToString());
    }

    private DeviceCredentials Credentials(Device device, string password, string filter) =>
        new(device.Id, device.ClientId, device.Username, password, filter, mqtt.Value.PublicHost, mqtt.Value.PortShown(broker?.Port ?? 0, broker?.TlsPort ?? 0), mqtt.Value.UsesTls);

    private async Task<ScopeInfo?> ScopeOfAsync(AppDbContext db, DeviceScopeKind kind, Guid scopeId, CancellationToken ct) =>
        await DeviceScopes.ResolveAsync(db, current.TenantSlug!, kind, scopeId, ct) is { } resolved
            ? new ScopeInfo(resolved.LeafKey, resolved.Scope.ToTopicFilter())
            : null;

    private sealed record ScopeInfo(string Leaf, string Filter);

    private static string Describe(Device device) => $"Device {device.Username} ({device.ScopeKind.ToString().ToLowerInvariant()}, client id {device.ClientId})";

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
}

using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Devices;

/// <summary>An authenticated device: its tenant and what it may publish.</summary>
public sealed record DeviceIdentity(Guid TenantId, string TenantSlug, Guid DeviceId, string ClientId, DeviceScope Scope)
{
    /// <summary>When the credentials it authenticated with were issued or last rotated: a later rotation ends them.</summary>
    public DateTimeOffset CredentialsSince { get; init; }
}

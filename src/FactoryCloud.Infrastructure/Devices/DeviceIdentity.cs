using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Devices;

/// <summary>An authenticated device: its tenant and what it may publish.</summary>
public sealed record DeviceIdentity(Guid TenantId, string TenantSlug, Guid DeviceId, string ClientId, DeviceScope Scope);

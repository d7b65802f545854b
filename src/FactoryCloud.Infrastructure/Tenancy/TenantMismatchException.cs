namespace FactoryCloud.Infrastructure.Tenancy;

/// <summary>Thrown when a unit of work tries to write a row that belongs to another tenant, or any tenant-owned row without a tenant.</summary>
public sealed class TenantMismatchException(string message) : InvalidOperationException(message);

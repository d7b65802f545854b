using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Plants;

/// <summary>A plant (ISA-95 site) with its time zone and planned production windows.</summary>
public sealed class Site : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA time zone id, e.g. <c>Europe/Berlin</c>; shift times and dashboards use it.</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<ShiftPattern> Shifts { get; set; } = [];
}

using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Value;

/// <summary>
/// What a site's losses cost, set by an Owner in one currency: an hour of downtime, a scrapped unit, a kWh. Work
/// items' KPI changes are converted to money with them (<see cref="HypothesisMoney"/>). One row per site.
/// </summary>
public sealed class SiteCostRates : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid SiteId { get; set; }

    /// <summary>ISO 4217 code, upper case: EUR, USD, CHF.</summary>
    public required string Currency { get; set; }

    public decimal DowntimePerHour { get; set; }
    public decimal ScrapPerUnit { get; set; }
    public decimal EnergyPerKwh { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

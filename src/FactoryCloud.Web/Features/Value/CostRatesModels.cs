namespace FactoryCloud.Web.Features.Value;

/// <summary>An Owner's cost rates for a site: currency (ISO 4217) and what an hour of downtime, a scrapped unit and a kWh cost.</summary>
public sealed class CostRatesRequest
{
    public string? Currency { get; set; }
    public decimal DowntimePerHour { get; set; }
    public decimal ScrapPerUnit { get; set; }
    public decimal EnergyPerKwh { get; set; }
}

/// <summary>A site with its cost rates; the rates are null until an Owner sets them.</summary>
public sealed record SiteCostRatesView(
    Guid SiteId, string SiteName, string? Currency, decimal? DowntimePerHour, decimal? ScrapPerUnit, decimal? EnergyPerKwh,
    DateTimeOffset? UpdatedAt, string? UpdatedBy);

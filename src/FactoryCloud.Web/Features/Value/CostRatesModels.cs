using FactoryCloud.Domain.Value;

namespace FactoryCloud.Web.Features.Value;

/// <summary>An Owner's cost rates for a site: currency (ISO 4217) and what an hour of downtime, a scrapped unit and a kWh cost.</summary>
public sealed class CostRatesRequest
{
    public string? Currency { get; set; }
    public decimal DowntimePerHour { get; set; }
    public decimal ScrapPerUnit { get; set; }
    public decimal EnergyPerKwh { get; set; }

    /// <summary>
    /// Lines of the site whose hour of downtime costs something else than <see cref="DowntimePerHour"/>; the whole list
    /// (empty: none). Left out (null), the lines' rates stay as they are.
    /// </summary>
    public List<LineDowntimeRate>? LineDowntime { get; set; }
}

/// <summary>A site with its cost rates and its lines (each with its own downtime rate, if any); the rates are null until an Owner sets them.</summary>
public sealed record SiteCostRatesView(
    Guid SiteId, string SiteName, string? Currency, decimal? DowntimePerHour, decimal? ScrapPerUnit, decimal? EnergyPerKwh,
    DateTimeOffset? UpdatedAt, string? UpdatedBy, IReadOnlyList<LineCostRateView> Lines);

/// <summary>A line of the site; <see cref="DowntimePerHour"/> is null where the site's rate applies.</summary>
public sealed record LineCostRateView(Guid LineId, string LineName, decimal? DowntimePerHour);

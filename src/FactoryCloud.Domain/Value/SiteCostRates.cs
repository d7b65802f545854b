using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Value;

/// <summary>
/// What a site's losses cost, set by an Owner in one currency: an hour of downtime, a scrapped unit, a kWh. Work
/// items' KPI changes are converted to money with them (<see cref="HypothesisMoney"/>). One row per site. A line
/// whose hour of downtime costs something else than the site's (a bottleneck line, a line with its own product) has
/// its own downtime rate in <see cref="LineDowntime"/>, in the site's currency.
/// </summary>
public sealed class SiteCostRates : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid SiteId { get; set; }

    /// <summary>ISO 4217 code, upper case: EUR, USD, CHF.</summary>
    public required string Currency { get; set; }

    public decimal DowntimePerHour { get; set; }

    /// <summary>Downtime per hour of single lines of the site; a line not listed costs <see cref="DowntimePerHour"/>.</summary>
    public List<LineDowntimeRate> LineDowntime { get; set; } = [];
    public decimal ScrapPerUnit { get; set; }
    public decimal EnergyPerKwh { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>What an hour of downtime costs on <paramref name="lineId"/> (its own rate, else the site's); the site's without a line.</summary>
    public decimal DowntimePerHourOf(Guid? lineId) =>
        lineId is { } id && LineDowntime.FirstOrDefault(l => l.LineId == id) is { } line ? line.PerHour : DowntimePerHour;

    /// <summary>Whether <paramref name="lineId"/> has a rate of its own.</summary>
    public bool HasLineRate(Guid? lineId) => lineId is { } id && LineDowntime.Any(l => l.LineId == id);
}

/// <summary>What an hour of one line's downtime costs, where it differs from its site's rate.</summary>
public sealed record LineDowntimeRate(Guid LineId, decimal PerHour);

using System.Globalization;
using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Domain.Value;

/// <summary>A KPI change in money per month; positive is money saved. <see cref="Explanation"/> says how it was computed.</summary>
public sealed record MoneyPerMonth(decimal Amount, string Currency, string Explanation);

/// <summary>
/// Converts a work item's measured KPI change into money per month with its site's cost rates and the volumes of
/// its measured window (scaled to 30 days). Pure arithmetic:
/// <list type="bullet">
/// <item>Availability, OEE: Δ × planned hours per month × downtime cost per hour (an OEE point is valued as the
/// same share of planned time won back);</item>
/// <item>Scrap rate: −Δ × units produced per month × scrap cost per unit;</item>
/// <item>Energy per unit: −Δ kWh × good units per month × energy cost per kWh;</item>
/// <item>MTTR: −Δ seconds / 3600 × breakdowns per month × downtime cost per hour.</item>
/// </list>
/// Rounded to cents (away from zero). A hypothesis about one line (or a machine of it) uses the line's own downtime
/// rate where it has one (<see cref="SiteCostRates.DowntimePerHourOf"/>).
/// </summary>
public static class HypothesisMoney
{
    public const double DaysPerMonth = 30;

    public static MoneyPerMonth Value(HypothesisKpi kpi, double baseline, double measured, KpiVolumes volumes, SiteCostRates rates, Guid? lineId = null)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var delta = measured - baseline;
        var month = volumes.MonthFactor;
        var downtime = rates.DowntimePerHourOf(lineId);
        var downtimeText = rates.HasLineRate(lineId) ? "the line's downtime cost per hour" : "downtime cost per hour";
        var (quantity, rate, text) = kpi switch
        {
            HypothesisKpi.Availability or HypothesisKpi.Oee =>
                (delta * volumes.PlannedHours * month, downtime, $"planned hours won back × {downtimeText}"),
            HypothesisKpi.ScrapRate => (-delta * volumes.UnitsProduced * month, rates.ScrapPerUnit, "units not scrapped × scrap cost per unit"),
            HypothesisKpi.EnergyPerUnit => (-delta * volumes.GoodUnits * month, rates.EnergyPerKwh, "kWh saved × energy cost per kWh"),
            HypothesisKpi.Mttr => (-delta / 3600 * volumes.Breakdowns * month, downtime, $"repair hours saved × {downtimeText}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, null),
        };
        var amount = decimal.Round(ToDecimal(quantity) * rate, 2, MidpointRounding.AwayFromZero);
        return new MoneyPerMonth(amount, rates.Currency, string.Create(CultureInfo.InvariantCulture, $"{quantity:0.##} {text} per month"));
    }

    /// <summary>Quantities beyond decimal's range are capped: a broken measurement must not crash a roll-up.</summary>
    private static decimal ToDecimal(double value) =>
        double.IsFinite(value) ? (decimal)Math.Clamp(value, -1e15, 1e15) : 0m;
}

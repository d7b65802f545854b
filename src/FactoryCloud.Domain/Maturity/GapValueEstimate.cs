using System.Globalization;
using FactoryCloud.Domain.Value;

namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// What one stage climbed on a dimension is assumed to move: points of availability won back (a share of planned
/// time), a relative cut in scrapped units and a relative cut in energy. Deliberately conservative assumptions,
/// written out so a business owner can see what the estimate rests on.
/// </summary>
public sealed record KpiLevers(double AvailabilityPerStage, double ScrapCutPerStage, double EnergyCutPerStage)
{
    public static readonly KpiLevers None = new(0, 0, 0);

    /// <summary>At most 20 availability points per stage: beyond that the figure is a typo, not an assumption.</summary>
    public const double MaxAvailabilityPerStage = 0.2;

    /// <summary>A cut per stage is a share of at most 100 %.</summary>
    public const double MaxCutPerStage = 1.0;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool MovesAnyKpi => AvailabilityPerStage > 0 || ScrapCutPerStage > 0 || EnergyCutPerStage > 0;

    /// <summary>"+1 availability point, −5 % scrap per stage".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (AvailabilityPerStage > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"+{AvailabilityPerStage * 100:0.#} availability point(s)"));
        if (ScrapCutPerStage > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"−{ScrapCutPerStage * 100:0.#} % scrap"));
        if (EnergyCutPerStage > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"−{EnergyCutPerStage * 100:0.#} % energy"));
        return parts.Count == 0 ? "moves no KPI FactoryCloud values in money" : string.Join(", ", parts) + " per stage";
    }
}

/// <summary>A site's losses over a month (30 days): planned hours not running, scrapped units, kWh used.</summary>
public sealed record SiteMonthLosses(double PlannedHours, double LostHours, double ScrappedUnits, double EnergyKwh);

/// <summary>A gap's expected value in money per month, or why there is none (<see cref="PerMonth"/> null).</summary>
public sealed record GapValue(decimal? PerMonth, string? Currency, string Explanation)
{
    public bool IsValued => PerMonth is not null;
}

/// <summary>
/// The expected value of closing a maturity gap, in money per month. Pure; the rule:
/// <list type="number">
/// <item>Each dimension has <see cref="KpiLevers"/> per stage climbed (<see cref="LeversOf"/>): connectivity +1
/// availability point; data +0.5 point and −5 % scrap; analytics +1.5 points and −5 % scrap; automation +1.5 points
/// and −10 % scrap; energy −5 % energy; digital twin +0.5 point, −5 % scrap, −2 % energy; skills and the
/// cross-functional organisation +0.5 point; strategy, cybersecurity and dimensions an organisation added move no KPI
/// FactoryCloud values (they are enablers or avoid risks; their value is not guessed).</item>
/// <item>Gap × lever, capped at what there is to win: hours won back = min(gap × points × planned hours, lost hours);
/// scrap avoided = min(gap × cut, 100 %) × scrapped units; energy saved = min(gap × cut, 100 %) × kWh.</item>
/// <item>Money per month = hours × downtime cost per hour + units × scrap cost per unit + kWh × energy cost per kWh,
/// with the site's cost rates and the site's last 30 days (rounded to cents, away from zero).</item>
/// </list>
/// Not valued (null): no gap, a dimension that moves no KPI, no cost rates, or no planned time measured.
/// </summary>
public static class GapValueEstimate
{
    /// <summary>
    /// The product's levers by dimension key first (keys of the default model), then by evidence rule (other models):
    /// what the templates store in a model version, and what a version saved before levers were stored is valued with.
    /// </summary>
    public static KpiLevers LeversOf(string dimensionKey, EvidenceSource source) => dimensionKey switch
    {
        "skills" => new(0.005, 0, 0),
        "digital-twin" => new(0.005, 0.05, 0.02),
        _ => source switch
        {
            EvidenceSource.Connectivity => new(0.01, 0, 0),
            EvidenceSource.Data => new(0.005, 0.05, 0),
            EvidenceSource.Analytics => new(0.015, 0.05, 0),
            EvidenceSource.Automation => new(0.015, 0.10, 0),
            EvidenceSource.Energy => new(0, 0, 0.05),
            EvidenceSource.Organisation => new(0.005, 0, 0),
            _ => KpiLevers.None,
        },
    };

    public static GapValue Estimate(int gap, KpiLevers levers, SiteMonthLosses? losses, SiteCostRates? rates)
    {
        if (gap <= 0) return new GapValue(null, null, "No gap to close.");
        if (!levers.MovesAnyKpi) return new GapValue(null, null, "This dimension moves no KPI FactoryCloud values in money.");
        if (rates is null) return new GapValue(null, null, "No cost rates are set for this site.");
        if (losses is not { PlannedHours: > 0 }) return new GapValue(null, null, "No planned production time was measured at this site in the last 30 days.");

        var hours = Math.Min(gap * levers.AvailabilityPerStage * losses.PlannedHours, Math.Max(0, losses.LostHours));
        var scrap = Math.Min(gap * levers.ScrapCutPerStage, 1) * Math.Max(0, losses.ScrappedUnits);
        var kwh = Math.Min(gap * levers.EnergyCutPerStage, 1) * Math.Max(0, losses.EnergyKwh);
        var amount = decimal.Round(ToDecimal(hours) * rates.DowntimePerHour + ToDecimal(scrap) * rates.ScrapPerUnit + ToDecimal(kwh) * rates.EnergyPerKwh,
            2, MidpointRounding.AwayFromZero);
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"{gap} stage(s) × {levers.Describe()}: {hours:0.##} h won back, {scrap:0.##} units not scrapped, {kwh:0.##} kWh saved per month");
        return new GapValue(amount, rates.Currency, explanation);
    }

    private static decimal ToDecimal(double value) => double.IsFinite(value) ? (decimal)Math.Clamp(value, -1e15, 1e15) : 0m;
}

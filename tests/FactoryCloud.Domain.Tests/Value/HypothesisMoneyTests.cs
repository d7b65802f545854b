using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Value;
using Xunit;

namespace FactoryCloud.Domain.Tests.Value;

public class HypothesisMoneyTests
{
    private static readonly SiteCostRates Rates = new() { Currency = "EUR", DowntimePerHour = 1200m, ScrapPerUnit = 4.5m, EnergyPerKwh = 0.25m };

    // 15 days measured: a month is twice that.
    private static readonly KpiVolumes FifteenDays = new(TimeSpan.FromDays(15), PlannedHours: 300, UnitsProduced: 50_000, GoodUnits: 48_000, Breakdowns: 20);

    [Fact]
    public void AvailabilityWonBackIsPlannedHoursTimesTheDowntimeRate()
    {
        // +2 points of 600 planned hours a month = 12 hours × 1,200 EUR.
        var value = HypothesisMoney.Value(HypothesisKpi.Availability, 0.80, 0.82, FifteenDays, Rates);

        Assert.Equal(14_400m, value.Amount);
        Assert.Equal("EUR", value.Currency);
        Assert.Equal("12 planned hours won back × downtime cost per hour per month", value.Explanation);
    }

    [Fact]
    public void AnOeePointIsValuedLikeAnAvailabilityPoint() =>
        Assert.Equal(7_200m, HypothesisMoney.Value(HypothesisKpi.Oee, 0.60, 0.61, FifteenDays, Rates).Amount);

    [Fact]
    public void LessScrapIsUnitsProducedTimesTheScrapRate() =>
        // −1 point of 100,000 units a month = 1,000 units × 4.50 EUR.
        Assert.Equal(4_500m, HypothesisMoney.Value(HypothesisKpi.ScrapRate, 0.03, 0.02, FifteenDays, Rates).Amount);

    [Fact]
    public void LessEnergyPerUnitIsGoodUnitsTimesTheEnergyRate() =>
        // −0.1 kWh × 96,000 good units a month × 0.25 EUR.
        Assert.Equal(2_400m, HypothesisMoney.Value(HypothesisKpi.EnergyPerUnit, 1.2, 1.1, FifteenDays, Rates).Amount);

    [Fact]
    public void AShorterRepairIsRepairHoursSavedTimesTheDowntimeRate() =>
        // −360 s per breakdown × 40 breakdowns a month = 4 hours × 1,200 EUR.
        Assert.Equal(4_800m, HypothesisMoney.Value(HypothesisKpi.Mttr, 1800, 1440, FifteenDays, Rates).Amount);

    [Fact]
    public void AWorseKpiCostsMoney()
    {
        Assert.Equal(-14_400m, HypothesisMoney.Value(HypothesisKpi.Availability, 0.82, 0.80, FifteenDays, Rates).Amount);
        Assert.Equal(-4_500m, HypothesisMoney.Value(HypothesisKpi.ScrapRate, 0.02, 0.03, FifteenDays, Rates).Amount);
    }

    [Fact]
    public void AmountsAreRoundedToCentsAwayFromZero()
    {
        var rates = new SiteCostRates { Currency = "USD", DowntimePerHour = 0.005m, ScrapPerUnit = 0, EnergyPerKwh = 0 };
        var oneHour = new KpiVolumes(TimeSpan.FromDays(30), PlannedHours: 100, 0, 0, 0);

        Assert.Equal(0.01m, HypothesisMoney.Value(HypothesisKpi.Availability, 0.50, 0.51, oneHour, rates).Amount); // 1 h × 0.005
        Assert.Equal(-0.01m, HypothesisMoney.Value(HypothesisKpi.Availability, 0.51, 0.50, oneHour, rates).Amount);
    }

    [Fact]
    public void AnEmptyWindowGivesNothingRatherThanInfinity() =>
        Assert.Equal(0m, HypothesisMoney.Value(HypothesisKpi.Availability, 0.5, 0.6, new KpiVolumes(TimeSpan.Zero, 100, 0, 0, 0), Rates).Amount);
    [Fact]
    public void ALineWithItsOwnDowntimeRateValuesItsHoursAtThatRate()
    {
        var line = Guid.NewGuid();
        var rates = new SiteCostRates { Currency = "EUR", DowntimePerHour = 1200m, LineDowntime = [new LineDowntimeRate(line, 3000m)] };

        // +2 points = 12 hours a month: × 3,000 EUR on the bottleneck line, × 1,200 EUR on any other line or the site.
        var onTheLine = HypothesisMoney.Value(HypothesisKpi.Availability, 0.80, 0.82, FifteenDays, rates, line);
        Assert.Equal(36_000m, onTheLine.Amount);
        Assert.Equal("12 planned hours won back × the line's downtime cost per hour per month", onTheLine.Explanation);
        Assert.Equal(14_400m, HypothesisMoney.Value(HypothesisKpi.Availability, 0.80, 0.82, FifteenDays, rates, Guid.NewGuid()).Amount);
        Assert.Equal(14_400m, HypothesisMoney.Value(HypothesisKpi.Availability, 0.80, 0.82, FifteenDays, rates).Amount);
        // A shorter repair on the line: 4 hours × 3,000 EUR. Scrap and energy keep the site's rates.
        Assert.Equal(12_000m, HypothesisMoney.Value(HypothesisKpi.Mttr, 1800, 1440, FifteenDays, rates, line).Amount);
    }
}

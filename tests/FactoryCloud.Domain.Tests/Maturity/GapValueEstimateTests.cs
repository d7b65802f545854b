using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Value;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class GapValueEstimateTests
{
    private static readonly SiteCostRates Rates = new() { Currency = "EUR", DowntimePerHour = 1000m, ScrapPerUnit = 2m, EnergyPerKwh = 0.2m };

    // A month: 600 planned hours of which 120 lost, 4,000 scrapped units, 100,000 kWh.
    private static readonly SiteMonthLosses Month = new(PlannedHours: 600, LostHours: 120, ScrappedUnits: 4_000, EnergyKwh: 100_000);

    [Fact]
    public void ConnectivityWinsOneAvailabilityPointPerStageValuedAtTheDowntimeRate()
    {
        // 2 stages × 1 point × 600 h = 12 h × 1,000 EUR.
        var value = GapValueEstimate.Estimate(2, GapValueEstimate.LeversOf("connectivity", EvidenceSource.Connectivity), Month, Rates);

        Assert.Equal(12_000m, value.PerMonth);
        Assert.Equal("EUR", value.Currency);
        Assert.Contains("12 h won back", value.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AutomationAddsAvailabilityAndLessScrap()
    {
        // 1 stage: 1.5 points × 600 h = 9 h × 1,000 + 10 % of 4,000 units × 2 = 9,000 + 800.
        var value = GapValueEstimate.Estimate(1, GapValueEstimate.LeversOf("automation", EvidenceSource.Automation), Month, Rates);

        Assert.Equal(9_800m, value.PerMonth);
    }

    [Fact]
    public void EnergyCutsKilowattHoursValuedAtTheEnergyRate() =>
        // 3 stages × 5 % of 100,000 kWh = 15,000 kWh × 0.20.
        Assert.Equal(3_000m, GapValueEstimate.Estimate(3, GapValueEstimate.LeversOf("energy", EvidenceSource.Energy), Month, Rates).PerMonth);

    [Fact]
    public void NothingIsWonBeyondTheHoursActuallyLost()
    {
        var littleLost = Month with { LostHours = 5 };

        // 4 stages × 1.5 points × 600 h would be 36 h, but only 5 h are lost.
        var value = GapValueEstimate.Estimate(4, new KpiLevers(0.015, 0, 0), littleLost, Rates);

        Assert.Equal(5_000m, value.PerMonth);
    }

    [Fact]
    public void ACutIsNeverMoreThanEverything() =>
        // 30 stages × 5 % would be 150 % of the scrap: capped at all 4,000 units × 2.
        Assert.Equal(8_000m, GapValueEstimate.Estimate(30, new KpiLevers(0, 0.05, 0), Month, Rates).PerMonth);

    [Theory]
    [InlineData("strategy", EvidenceSource.Strategy)]
    [InlineData("cybersecurity", EvidenceSource.Cybersecurity)]
    [InlineData("our-own", EvidenceSource.None)]
    public void EnablersAndOwnDimensionsAreNotValued(string key, EvidenceSource source)
    {
        var value = GapValueEstimate.Estimate(2, GapValueEstimate.LeversOf(key, source), Month, Rates);

        Assert.False(value.IsValued);
        Assert.Equal("This dimension moves no KPI FactoryCloud values in money.", value.Explanation);
    }

    [Fact]
    public void SkillsAndDigitalTwinHaveLeversByKeyAlthoughTheProductHoldsNoEvidence()
    {
        Assert.Equal(new KpiLevers(0.005, 0, 0), GapValueEstimate.LeversOf("skills", EvidenceSource.NotInProduct));
        Assert.Equal(new KpiLevers(0.005, 0.05, 0.02), GapValueEstimate.LeversOf("digital-twin", EvidenceSource.NotInProduct));
    }

    [Fact]
    public void WithoutRatesDataOrGapThereIsNoValueAndTheReasonIsGiven()
    {
        var levers = GapValueEstimate.LeversOf("connectivity", EvidenceSource.Connectivity);

        Assert.Equal("No cost rates are set for this site.", GapValueEstimate.Estimate(2, levers, Month, null).Explanation);
        Assert.Equal("No planned production time was measured at this site in the last 30 days.",
            GapValueEstimate.Estimate(2, levers, Month with { PlannedHours = 0 }, Rates).Explanation);
        Assert.Null(GapValueEstimate.Estimate(2, levers, null, Rates).PerMonth);
        Assert.Equal("No gap to close.", GapValueEstimate.Estimate(0, levers, Month, Rates).Explanation);
    }

    [Fact]
    public void LeversDescribeThemselves()
    {
        Assert.Equal("+1.5 availability point(s), −10 % scrap per stage", new KpiLevers(0.015, 0.10, 0).Describe());
        Assert.Equal("moves no KPI FactoryCloud values in money", KpiLevers.None.Describe());
    }
}

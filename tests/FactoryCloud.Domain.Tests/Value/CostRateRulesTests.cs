using FactoryCloud.Domain.Value;
using Xunit;

namespace FactoryCloud.Domain.Tests.Value;

public class CostRateRulesTests
{
    [Fact]
    public void SensibleRatesAreValid() => Assert.Empty(CostRateRules.Validate("EUR", 1200m, 4.5m, 0.2134m));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("€")]
    public void TheCurrencyIsAThreeLetterCode(string? currency) =>
        Assert.Equal("Enter a three-letter currency code such as EUR or USD.", CostRateRules.Validate(currency, 1, 1, 1)["Currency"].Single());

    [Fact]
    public void RatesAreNotNegativeNotAbsurdAndHaveAtMostFourDecimals()
    {
        var errors = CostRateRules.Validate("EUR", -1m, CostRateRules.MaxRate + 1, 0.12345m);

        Assert.Equal("A rate cannot be negative.", errors["DowntimePerHour"].Single());
        Assert.StartsWith("A rate is at most", errors["ScrapPerUnit"].Single());
        Assert.Equal("A rate has at most four decimals.", errors["EnergyPerKwh"].Single());
        Assert.Empty(CostRateRules.Validate("EUR", 0m, CostRateRules.MaxRate, 0.0001m));
    }
    [Fact]
    public void LineRatesAreForTheSitesOwnLinesOnceEachAndFollowTheRateRules()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), elsewhere = Guid.NewGuid();
        var siteLines = new HashSet<Guid> { a, b };

        Assert.Empty(CostRateRules.ValidateLines([new(a, 3000m), new(b, 0m)], siteLines));
        var errors = CostRateRules.ValidateLines([new(a, -1m), new(elsewhere, 10m), new(b, 0.00001m), new(b, 5m)], siteLines);
        Assert.Equal("A rate cannot be negative.", errors["LineDowntime[0]"].Single());
        Assert.Equal("This line is not a line of the site.", errors["LineDowntime[1]"].Single());
        Assert.Equal("A rate has at most four decimals.", errors["LineDowntime[2]"].Single());
        Assert.Equal("Each line has one downtime rate at most.", errors["LineDowntime"].Single());
    }
}

using FactoryCloud.Web.Common;

namespace FactoryCloud.Web.Tests.Common;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData(0.0338, "3.4 %")]
    [InlineData(1.0, "100.0 %")]
    [InlineData(0.88812, "88.8 %")]
    [InlineData(null, "–")]
    public void PercentagesAreFractionsTimesAHundred(double? ratio, string expected) => Assert.Equal(expected, DisplayFormat.Percent(ratio));

    [Theory]
    [InlineData(7860.4, "2 h 11 min")]
    [InlineData(245.0, "4 min 05 s")]
    [InlineData(12.4, "12 s")]
    [InlineData(0.0, "0 s")]
    [InlineData(273600.0, "3 d 4 h")]
    [InlineData(null, "–")]
    public void DurationsAreInWords(double? seconds, string expected) => Assert.Equal(expected, DisplayFormat.Duration(seconds));

    [Theory]
    [InlineData(1368.798, 1, "1,368.8")]
    [InlineData(0.036, 3, "0.036")]
    [InlineData(12.0, 2, "12")]
    [InlineData(null, 1, "–")]
    public void NumbersHaveSeparatorsAndFewDecimals(double? value, int decimals, string expected) => Assert.Equal(expected, DisplayFormat.Number(value, decimals));

    [Fact]
    public void TimesAreInTheSiteZoneWithTheZoneNamed()
    {
        var at = new DateTimeOffset(2026, 12, 6, 13, 5, 0, TimeSpan.Zero);

        Assert.Equal("6 Dec 2026, 14:05 (Europe/Berlin)", DisplayFormat.DateTime(at, DisplayFormat.Zone("Europe/Berlin")));
        Assert.Equal("6 Dec 2026, 13:05 (UTC)", DisplayFormat.DateTime(at, TimeZoneInfo.Utc));
        Assert.Equal("6 Dec 2026, 07:00 – 15:00 (Europe/Berlin)", DisplayFormat.Window(at.AddHours(-7).AddMinutes(-5), at.AddHours(1).AddMinutes(-5), DisplayFormat.Zone("Europe/Berlin")));
    }

    [Theory]
    [InlineData("AcceptanceCriteria", "Acceptance criteria")]
    [InlineData("DoFirst", "Do first")]
    [InlineData("ParentId", "Parent id")]
    [InlineData("OEE", "OEE")]
    [InlineData("Title", "Title")]
    public void CodeNamesBecomeWords(string code, string expected) => Assert.Equal(expected, DisplayFormat.Words(code));
}

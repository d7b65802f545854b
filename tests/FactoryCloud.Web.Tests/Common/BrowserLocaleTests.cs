using System.Globalization;
using FactoryCloud.Web.Common;

namespace FactoryCloud.Web.Tests.Common;

/// <summary>Weeks start where the person is (they started on Sunday whatever the locale).</summary>
public sealed class BrowserLocaleTests
{
    [Theory]
    [InlineData("de-DE", DayOfWeek.Monday)]
    [InlineData("en-GB", DayOfWeek.Monday)]
    [InlineData("en-US", DayOfWeek.Sunday)]
    public void TheWeekStartsOnTheLocalesFirstDay(string locale, DayOfWeek first)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(locale);

            Assert.Equal(first, BrowserLocale.FirstDayOfWeek);
            Assert.Equal(first, BrowserLocale.Week.First());
            Assert.Equal(7, BrowserLocale.Week.Distinct().Count());
            // Figures are still written the same way for everyone.
            Assert.Equal("1,368.8", DisplayFormat.Number(1368.798));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

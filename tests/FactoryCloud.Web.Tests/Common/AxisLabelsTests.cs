using FactoryCloud.Web.Common;

namespace FactoryCloud.Web.Tests.Common;

public sealed class AxisLabelsTests
{
    [Fact]
    public void ADayOfHoursKeepsOnlyAsManyLabelsAsFitOnAPhone()
    {
        var hours = Enumerable.Range(0, 24).Select(h => $"{h:00}:00").ToList();

        var labels = AxisLabels.Thin(hours, AxisLabels.FitOnAPhone(5));

        // "00:00" is about 47 px with its gap: six fit in 300 px, so every fourth hour is kept.
        Assert.Equal(6, AxisLabels.FitOnAPhone(5));
        Assert.Equal(["00:00", "04:00", "08:00", "12:00", "16:00", "20:00"], labels.Where(l => l != ""));
        Assert.Equal(24, labels.Length);
    }

    [Fact]
    public void FewLabelsAreAllKept()
    {
        Assert.Equal(["Mon", "Tue", "Wed"], AxisLabels.Thin(["Mon", "Tue", "Wed"], 6));
    }
}

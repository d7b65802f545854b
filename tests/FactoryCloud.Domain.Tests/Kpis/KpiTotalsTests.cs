using System.Reflection;

using FactoryCloud.Domain.Kpis;

using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class KpiTotalsTests
{
    private static readonly PropertyInfo[] Stored = typeof(KpiTotals)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToArray();

    [Fact]
    public void Addition_sums_every_stored_field()
    {
        var left = Filled(1);
        var right = Filled(2);

        var sum = left + right;

        Assert.NotEmpty(Stored);
        Assert.All(Stored, p => Assert.Equal(3.0, Convert.ToDouble(p.GetValue(sum))));
    }

    [Fact]
    public void Sum_of_nothing_is_zero()
    {
        Assert.Equal(KpiTotals.Zero, KpiTotals.Sum([]));
    }

    [Fact]
    public void Sum_equals_repeated_addition()
    {
        var a = new KpiTotals { PlannedSeconds = 10, GoodCount = 1 };
        var b = new KpiTotals { PlannedSeconds = 20, ScrapCount = 2 };
        var c = new KpiTotals { RunSeconds = 5, BreakdownEpisodes = 3 };

        Assert.Equal(a + b + c, KpiTotals.Sum([a, b, c]));
    }

    [Fact]
    public void Two_machines_of_different_size_aggregate_by_sums_not_by_averaging_ratios()
    {
        // A big fast machine at OEE 90% and a small slow one at OEE 30%.
        var big = new KpiTotals { PlannedSeconds = 28_800, RunSeconds = 28_800, GoodCount = 25_920, IdealSecondsTotal = 25_920, IdealSecondsGood = 25_920 };
        var small = new KpiTotals { PlannedSeconds = 3_600, RunSeconds = 1_800, GoodCount = 108, IdealSecondsTotal = 1_080, IdealSecondsGood = 1_080 };

        var line = KpiFigures.From(big + small);

        Assert.Equal(90.0, KpiTestData.Percent(KpiFigures.From(big).Oee));
        Assert.Equal(30.0, KpiTestData.Percent(KpiFigures.From(small).Oee));
        Assert.Equal(83.33, KpiTestData.Percent(line.Oee));
        Assert.Equal(27_000.0 / 32_400, line.Oee!.Value, 12);
        Assert.Equal(94.44, KpiTestData.Percent(line.Availability));
        Assert.Equal(26_028, (big + small).TotalCount);
    }

    [Fact]
    public void Actual_production_time_is_running_plus_small_stops()
    {
        Assert.Equal(130, new KpiTotals { RunSeconds = 100, SmallStopSeconds = 30, BreakdownSeconds = 50 }.ActualProductionSeconds);
    }

    private static KpiTotals Filled(int value)
    {
        object boxed = KpiTotals.Zero;
        foreach (var property in Stored)
            property.SetValue(boxed, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        return (KpiTotals)boxed;
    }
}

using FactoryCloud.Domain.Kpis;

using Xunit;

using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

public class TimeWindowTests
{
    [Fact]
    public void End_before_start_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new TimeWindow(Min(10), Min(5)));
    }

    [Fact]
    public void Contains_is_half_open()
    {
        var window = Window(0, 10);
        Assert.True(window.Contains(Min(0)));
        Assert.True(window.Contains(Min(9.99)));
        Assert.False(window.Contains(Min(10)));
        Assert.False(window.Contains(Min(-0.01)));
    }

    [Fact]
    public void Intersect_returns_the_overlap()
    {
        Assert.Equal(Window(5, 10), Window(0, 10).Intersect(Window(5, 20)));
        Assert.Equal(300, Window(0, 10).OverlapSeconds(Window(5, 20)));
    }

    [Fact]
    public void Touching_windows_do_not_overlap()
    {
        Assert.Null(Window(0, 10).Intersect(Window(10, 20)));
        Assert.Equal(0, Window(0, 10).OverlapSeconds(Window(10, 20)));
    }

    [Fact]
    public void Split_makes_consecutive_buckets_with_a_shorter_last_one()
    {
        var buckets = Window(0, 150).Split(TimeSpan.FromHours(1));

        Assert.Equal([Window(0, 60), Window(60, 120), Window(120, 150)], buckets);
    }

    [Fact]
    public void Split_rejects_a_non_positive_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Window(0, 10).Split(TimeSpan.Zero));
    }
}

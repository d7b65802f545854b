using Xunit;

using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

public class ShiftCalendarTests
{
    [Fact]
    public void Overlapping_and_touching_windows_are_merged_and_sorted()
    {
        var calendar = Calendar((300, 400), (0, 100), (50, 200), (200, 250));

        Assert.Equal([Window(0, 250), Window(300, 400)], calendar.PlannedWindows);
    }

    [Fact]
    public void Contained_window_does_not_shorten_the_merged_one()
    {
        var calendar = Calendar((0, 100), (10, 20));

        Assert.Equal([Window(0, 100)], calendar.PlannedWindows);
    }

    [Fact]
    public void Empty_windows_are_ignored()
    {
        Assert.Empty(Calendar((10, 10)).PlannedWindows);
    }

    [Fact]
    public void PlannedWithin_clips_to_the_window()
    {
        var calendar = Calendar((0, 100), (150, 300));

        Assert.Equal([Window(50, 100), Window(150, 200)], calendar.PlannedWithin(Window(50, 200)));
        Assert.Empty(calendar.PlannedWithin(Window(100, 150)));
    }

    [Fact]
    public void IsPlanned_is_half_open()
    {
        var calendar = Calendar((0, 100));

        Assert.True(calendar.IsPlanned(Min(0)));
        Assert.False(calendar.IsPlanned(Min(100)));
    }

    [Fact]
    public void Planned_time_within_a_window_found_by_binary_search_equals_clipping_every_window()
    {
        var random = new Random(7);
        var windows = new List<(double, double)>();
        for (var start = 0; start < 5000; start += random.Next(5, 60)) windows.Add((start, start + random.Next(1, 40)));
        var calendar = Calendar([.. windows]);

        for (var i = 0; i < 500; i++)
        {
            var from = random.Next(-50, 5100);
            var window = Window(from, from + random.Next(0, 400));
            var clipped = calendar.PlannedWindows.Select(w => w.Intersect(window)).OfType<Domain.Kpis.TimeWindow>().ToList();
            Assert.Equal(clipped, calendar.PlannedWithin(window));
            Assert.Equal(clipped, Domain.Kpis.ShiftCalendar.Within(calendar.PlannedWindows, window));
        }
    }
}

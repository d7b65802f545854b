using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

using Xunit;

using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

public class StateTimelineTests
{
    [Fact]
    public void State_started_before_the_window_applies_from_the_window_start()
    {
        var timeline = StateTimeline.Build(Window(60, 120), [State(30, MachineState.Down), State(90, MachineState.Running)]);

        var first = timeline.Intervals[0];
        Assert.Equal((Min(60), Min(90), MachineState.Down), (first.Start, first.End, first.State));
        Assert.Equal(Min(30), first.EpisodeStart);
        Assert.False(first.StartsEpisode);
        Assert.Equal((Min(90), Min(120), MachineState.Running), (timeline.Intervals[1].Start, timeline.Intervals[1].End, timeline.Intervals[1].State));
        Assert.True(timeline.Intervals[1].StartsEpisode);
    }

    [Fact]
    public void Interval_crossing_the_window_end_is_split_but_keeps_its_full_extent()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(0, MachineState.Running), State(50, MachineState.Down), State(70, MachineState.Running)]);

        var last = timeline.Intervals[^1];
        Assert.Equal((Min(50), Min(60)), (last.Start, last.End));
        Assert.Equal(TimeSpan.FromMinutes(20), last.EpisodeDuration);
    }

    [Fact]
    public void Time_before_the_first_state_is_no_data()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(15, MachineState.Running)]);

        Assert.Equal(2, timeline.Intervals.Count);
        Assert.True(timeline.Intervals[0].IsNoData);
        Assert.Equal((Min(0), Min(15)), (timeline.Intervals[0].Start, timeline.Intervals[0].End));
        Assert.Equal(MachineState.Running, timeline.Intervals[1].State);
    }

    [Fact]
    public void No_states_at_all_is_no_data_for_the_whole_window()
    {
        var timeline = StateTimeline.Build(Window(0, 60), []);

        var only = Assert.Single(timeline.Intervals);
        Assert.True(only.IsNoData);
        Assert.Equal(Window(0, 60), only.Window);
    }

    [Fact]
    public void First_state_after_the_window_leaves_the_whole_window_without_data()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(90, MachineState.Running)]);

        Assert.True(Assert.Single(timeline.Intervals).IsNoData);
    }

    [Fact]
    public void Last_state_holds_until_the_window_end()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(10, MachineState.Idle)]);

        Assert.Equal(Min(60), timeline.Intervals[^1].End);
        Assert.True(timeline.Episodes[^1].IsOngoing);
    }

    [Fact]
    public void Window_ending_in_the_future_is_cut_at_now()
    {
        var timeline = StateTimeline.Build(Window(0, 480), [State(0, MachineState.Running)], now: Min(100));

        Assert.Equal(Window(0, 100), timeline.Window);
        Assert.Equal(Min(100), Assert.Single(timeline.Intervals).End);
    }

    [Fact]
    public void Last_state_holds_until_now_beyond_a_past_window()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(59, MachineState.Down)], now: Min(120));

        Assert.Equal(Window(0, 60), timeline.Window);
        Assert.Equal(TimeSpan.FromMinutes(61), timeline.Intervals[^1].EpisodeDuration);
    }

    [Fact]
    public void Now_before_the_window_gives_an_empty_timeline()
    {
        var timeline = StateTimeline.Build(Window(60, 120), [State(0, MachineState.Running)], now: Min(30));

        Assert.True(timeline.Window.IsEmpty);
        Assert.Empty(timeline.Intervals);
    }

    [Fact]
    public void Repeated_identical_states_are_one_episode_but_a_new_reason_is_a_new_one()
    {
        var timeline = StateTimeline.Build(Window(0, 60),
        [
            State(0, MachineState.Down, "jam"),
            State(10, MachineState.Down, "jam"),
            State(20, MachineState.Down, "motor"),
            State(30, MachineState.Running),
        ]);

        Assert.Equal(3, timeline.Episodes.Count);
        Assert.Equal(TimeSpan.FromMinutes(20), timeline.Episodes[0].Duration);
        Assert.Equal("motor", timeline.Episodes[1].Reason);
    }

    [Fact]
    public void Of_two_changes_at_the_same_instant_the_last_wins()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(0, MachineState.Idle), State(0, MachineState.Running)]);

        Assert.Equal(MachineState.Running, Assert.Single(timeline.Intervals).State);
    }

    [Fact]
    public void Unsorted_changes_are_put_in_time_order()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(30, MachineState.Down), State(0, MachineState.Running)]);

        Assert.Equal([MachineState.Running, MachineState.Down], timeline.Intervals.Select(i => i.State!.Value));
    }

    [Fact]
    public void Intervals_cover_the_window_without_gaps()
    {
        var timeline = StateTimeline.Build(Window(0, 60),
            [State(5, MachineState.Running), State(20, MachineState.Changeover), State(40, MachineState.Running)]);

        Assert.Equal(Min(0), timeline.Intervals[0].Start);
        Assert.Equal(Min(60), timeline.Intervals[^1].End);
        for (var i = 1; i < timeline.Intervals.Count; i++)
            Assert.Equal(timeline.Intervals[i - 1].End, timeline.Intervals[i].Start);
    }

    [Fact]
    public void At_finds_the_interval_containing_an_instant()
    {
        var timeline = StateTimeline.Build(Window(0, 60), [State(0, MachineState.Running), State(30, MachineState.Down)]);

        Assert.Equal(MachineState.Running, timeline.At(Min(29.9))?.State);
        Assert.Equal(MachineState.Down, timeline.At(Min(30))?.State);
        Assert.Null(timeline.At(Min(60)));
    }

    [Fact]
    public void Within_clips_and_marks_only_the_first_part_as_starting_the_episode()
    {
        var timeline = StateTimeline.Build(Window(0, 120), [State(30, MachineState.Down), State(90, MachineState.Running)]);

        var firstHour = timeline.Within(Window(0, 60));
        var secondHour = timeline.Within(Window(60, 120));

        Assert.True(firstHour[^1].StartsEpisode);
        Assert.Equal(Window(30, 60), firstHour[^1].Window);
        Assert.False(secondHour[0].StartsEpisode);
        Assert.Equal(Window(60, 90), secondHour[0].Window);
        Assert.Empty(timeline.Within(Window(200, 300)));
    }
}

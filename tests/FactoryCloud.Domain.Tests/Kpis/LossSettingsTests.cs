using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class LossSettingsTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(MachineState.Down, LossCategory.Breakdown)]
    [InlineData(MachineState.Changeover, LossCategory.SetupAdjustment)]
    [InlineData(MachineState.Idle, LossCategory.Idle)]
    [InlineData(MachineState.Offline, LossCategory.Offline)]
    public void Default_mapping(MachineState state, LossCategory expected)
    {
        Assert.Equal(expected, LossSettings.Default.CategoryFor(state, null));
    }

    [Theory]
    [InlineData(MachineState.Running)]
    [InlineData(MachineState.PlannedStop)]
    public void Running_and_planned_stop_are_not_losses(MachineState state)
    {
        Assert.Null(LossSettings.Default.Classify(state, null, Short));
    }

    [Fact]
    public void Defaults_are_two_minute_small_stops_and_no_start_up_period()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), LossSettings.Default.SmallStopThreshold);
        Assert.Equal(TimeSpan.Zero, LossSettings.Default.StartupPeriod);
    }

    [Fact]
    public void A_reason_rule_beats_a_state_rule()
    {
        var settings = LossSettings.Default
            .WithRule(MachineState.Idle, null, LossCategory.Breakdown)
            .WithRule(MachineState.Idle, "no-operator", LossCategory.Offline);

        Assert.Equal(LossCategory.Offline, settings.CategoryFor(MachineState.Idle, "no-operator"));
        Assert.Equal(LossCategory.Breakdown, settings.CategoryFor(MachineState.Idle, "no-material"));
        Assert.Equal(LossCategory.Breakdown, settings.CategoryFor(MachineState.Idle, null));
    }

    [Fact]
    public void Reason_codes_are_case_sensitive()
    {
        var settings = LossSettings.Default.WithRule(MachineState.Down, "tool-change", LossCategory.SetupAdjustment);

        Assert.Equal(LossCategory.SetupAdjustment, settings.CategoryFor(MachineState.Down, "tool-change"));
        Assert.Equal(LossCategory.Breakdown, settings.CategoryFor(MachineState.Down, "TOOL-CHANGE"));
    }

    [Theory]
    [InlineData(MachineState.Down)]
    [InlineData(MachineState.Idle)]
    public void Short_breakdowns_and_idles_are_small_stops(MachineState state)
    {
        Assert.Equal(LossCategory.SmallStop, LossSettings.Default.Classify(state, null, Short));
    }

    [Fact]
    public void A_stop_exactly_at_the_threshold_is_not_small()
    {
        Assert.Equal(LossCategory.Breakdown, LossSettings.Default.Classify(MachineState.Down, null, TimeSpan.FromMinutes(2)));
    }

    [Theory]
    [InlineData(MachineState.Changeover, LossCategory.SetupAdjustment)]
    [InlineData(MachineState.Offline, LossCategory.Offline)]
    public void Short_setups_and_outages_keep_their_category(MachineState state, LossCategory expected)
    {
        Assert.Equal(expected, LossSettings.Default.Classify(state, null, Short));
    }

    [Fact]
    public void Zero_threshold_turns_small_stops_off()
    {
        var settings = LossSettings.Default with { SmallStopThreshold = TimeSpan.Zero };

        Assert.Equal(LossCategory.Breakdown, settings.Classify(MachineState.Down, null, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_state_mapped_to_small_stop_is_one_at_any_length()
    {
        var settings = LossSettings.Default.WithRule(MachineState.Idle, "micro", LossCategory.SmallStop);

        Assert.Equal(LossCategory.SmallStop, settings.Classify(MachineState.Idle, "micro", Long));
    }

    [Theory]
    [InlineData(MachineState.Running)]
    [InlineData(MachineState.PlannedStop)]
    public void Running_and_planned_stop_cannot_be_mapped(MachineState state)
    {
        Assert.Throws<ArgumentException>(() => LossSettings.Default.WithRule(state, null, LossCategory.Breakdown));
    }

    [Theory]
    [InlineData(LossCategory.ReducedSpeed)]
    [InlineData(LossCategory.StartupRejects)]
    [InlineData(LossCategory.ProductionRejects)]
    public void Derived_categories_cannot_be_mapped(LossCategory category)
    {
        Assert.Throws<ArgumentException>(() => LossSettings.Default.WithRule(MachineState.Down, null, category));
    }

    [Fact]
    public void Negative_durations_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LossSettings.Default with { SmallStopThreshold = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => LossSettings.Default with { StartupPeriod = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void WithRule_leaves_the_original_untouched()
    {
        _ = LossSettings.Default.WithRule(MachineState.Down, null, LossCategory.Idle);

        Assert.Empty(LossSettings.Default.Rules);
    }
}

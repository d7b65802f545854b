using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Plants;
using Xunit;
using static FactoryCloud.Domain.Tests.Alerts.AlertTestData;

namespace FactoryCloud.Domain.Tests.Alerts;

public class MeasureConditionTests
{
    private static readonly AlertRule TemperatureAbove90For5 = Rule(AlertRuleKind.MeasureAbove, 5, 90, "temperature_c");
    private static readonly AlertRule PressureBelow2For5 = Rule(AlertRuleKind.MeasureBelow, 5, 2, "pressure_bar");

    private static MachineAlertFacts Samples(params (double MinutesAgo, double Value)[] samples) =>
        new(Now, Measures: samples.Select(s => new MeasureSample(Now.AddMinutes(-s.MinutesAgo), s.Value)).ToList());

    [Fact]
    public void AboveTheLimitForNMinutesMeetsTheCondition()
    {
        var condition = AlertConditions.Evaluate(TemperatureAbove90For5, Samples((6, 91), (3, 95), (0.5, 92.5)));

        Assert.Equal(ConditionStatus.Met, condition.Status);
        Assert.Equal("temperature_c 92.5 above 90 for 6 min", condition.Detail);
    }

    [Fact]
    public void TheBreachStartsAfterTheLatestValueWithinTheLimit() =>
        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(TemperatureAbove90For5, Samples((8, 95), (4, 89), (3, 95), (1, 96))).Status);

    [Fact]
    public void ALatestValueBackWithinTheLimitDoesNotMeetIt() =>
        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(TemperatureAbove90For5, Samples((10, 95), (5, 95), (0.1, 90))).Status);

    [Fact]
    public void BelowRulesCompareTheOtherWay()
    {
        Assert.Equal(ConditionStatus.Met, AlertConditions.Evaluate(PressureBelow2For5, Samples((7, 1.5), (1, 1.9))).Status);
        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(PressureBelow2For5, Samples((7, 1.5), (1, 2))).Status);
    }

    [Fact]
    public void WithoutAnyValueNothingCanBeSaid() =>
        Assert.Equal(ConditionStatus.Unknown, AlertConditions.Evaluate(TemperatureAbove90For5, Samples()).Status);
}

public class NoDataConditionTests
{
    private static readonly AlertRule SilentFor15 = Rule(AlertRuleKind.NoData, 15);

    [Fact]
    public void NoMessageForNMinutesMeetsTheCondition()
    {
        var condition = AlertConditions.Evaluate(SilentFor15, new(Now, MachineState.Running, Now.AddHours(-1), LastSeenAt: Now.AddMinutes(-15)));

        Assert.Equal(ConditionStatus.Met, condition.Status);
        Assert.Equal("No data for 15 min", condition.Detail);
    }

    [Fact]
    public void AMessageWithinNMinutesDoesNotMeetIt() =>
        Assert.Equal(ConditionStatus.NotMet,
            AlertConditions.Evaluate(SilentFor15, new(Now, MachineState.Running, Now.AddHours(-1), LastSeenAt: Now.AddMinutes(-14))).Status);

    [Fact]
    public void AMachineReportingOfflineForNMinutesMeetsItThoughItStillSendsMessages() =>
        Assert.Equal(ConditionStatus.Met,
            AlertConditions.Evaluate(SilentFor15, new(Now, MachineState.Offline, Now.AddMinutes(-20), LastSeenAt: Now.AddMinutes(-1))).Status);

    [Fact]
    public void AMachineThatNeverSentAnythingIsNotYetConnectedAndRaisesNothing() =>
        Assert.Equal(ConditionStatus.Unknown, AlertConditions.Evaluate(SilentFor15, new(Now)).Status);
}

using FactoryCloud.Domain.Alerts;
using Xunit;
using static FactoryCloud.Domain.Tests.Alerts.AlertTestData;

namespace FactoryCloud.Domain.Tests.Alerts;

public class AlertActionsTests
{
    [Theory]
    [InlineData(ConditionStatus.Met, false, AlertAction.Raise)]
    [InlineData(ConditionStatus.Met, true, AlertAction.Keep)]
    [InlineData(ConditionStatus.NotMet, true, AlertAction.Clear)]
    [InlineData(ConditionStatus.NotMet, false, AlertAction.None)]
    [InlineData(ConditionStatus.Unknown, true, AlertAction.Keep)]
    [InlineData(ConditionStatus.Unknown, false, AlertAction.None)]
    public void AMetConditionRaisesOnlyWithoutAnActiveAlertAndAnEndedOneClears(ConditionStatus condition, bool active, AlertAction expected) =>
        Assert.Equal(expected, AlertActions.Decide(condition, active));

    [Fact]
    public void ADisabledRuleRaisesNothingAndClearsItsActiveAlert()
    {
        Assert.Equal(AlertAction.None, AlertActions.Decide(ConditionStatus.Met, hasActiveAlert: false, ruleEnabled: false));
        Assert.Equal(AlertAction.Clear, AlertActions.Decide(ConditionStatus.Met, hasActiveAlert: true, ruleEnabled: false));
    }
}

public class AlertLifecycleTests
{
    private static readonly Guid Olivia = Guid.NewGuid();

    private static Alert Raised() => Alert.Raise(Rule(AlertRuleKind.MachineDown, 5), Guid.NewGuid(), "Down for 5 min", Now);

    [Fact]
    public void ARaisedAlertIsOpenAndActive()
    {
        var alert = Raised();

        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.True(alert.IsActive);
        Assert.Equal(Now, alert.RaisedAt);
    }

    [Fact]
    public void AcknowledgingRecordsWhoAndWhenOnceOnly()
    {
        var alert = Raised();

        Assert.True(alert.TryAcknowledge(Olivia, "Olivia", Now.AddMinutes(2)));
        Assert.False(alert.TryAcknowledge(Guid.NewGuid(), "Someone else", Now.AddMinutes(3)));

        Assert.Equal(AlertStatus.Acknowledged, alert.Status);
        Assert.Equal((Olivia, "Olivia", Now.AddMinutes(2)), (alert.AcknowledgedBy!.Value, alert.AcknowledgedByName!, alert.AcknowledgedAt!.Value));
    }

    [Fact]
    public void ClearingClosesAnOpenOrAcknowledgedAlertAutomatically()
    {
        var alert = Raised();
        alert.TryAcknowledge(Olivia, "Olivia", Now.AddMinutes(1));

        alert.Clear(Now.AddMinutes(4));

        Assert.Equal(AlertStatus.Closed, alert.Status);
        Assert.False(alert.IsActive);
        Assert.Equal(Now.AddMinutes(4), alert.ClosedAt);
        Assert.Null(alert.ClosedBy);
    }

    [Fact]
    public void AnAlertAUserClosedStaysActiveUntilItsConditionEnds()
    {
        var alert = Raised();

        Assert.True(alert.TryClose(Olivia, "Olivia", Now.AddMinutes(1)));
        Assert.True(alert.IsActive);
        Assert.False(alert.TryClose(Olivia, "Olivia", Now.AddMinutes(2)));
        Assert.False(alert.TryAcknowledge(Olivia, "Olivia", Now.AddMinutes(2)));

        alert.Clear(Now.AddMinutes(9));

        Assert.False(alert.IsActive);
        Assert.Equal((Olivia, Now.AddMinutes(1)), (alert.ClosedBy!.Value, alert.ClosedAt!.Value));
        Assert.Equal(Now.AddMinutes(9), alert.ClearedAt);
    }
}

public class AlertRuleValidationTests
{
    [Theory]
    [InlineData(AlertRuleKind.MachineDown, 10, null, null)]
    [InlineData(AlertRuleKind.NoData, 1440, null, null)]
    [InlineData(AlertRuleKind.OeeBelow, 5, 65.0, null)]
    [InlineData(AlertRuleKind.MeasureAbove, 120, -3.5, "temperature_c")]
    [InlineData(AlertRuleKind.MeasureBelow, 1, 0.0, "pressure_bar")]
    public void ValidRulesHaveNoErrors(AlertRuleKind kind, int minutes, double? threshold, string? measure) =>
        Assert.Empty(AlertRuleValidation.Check(kind, minutes, threshold, measure));

    [Theory]
    [InlineData(AlertRuleKind.MachineDown, 0, null, null, "DurationMinutes")]
    [InlineData(AlertRuleKind.NoData, 1441, null, null, "DurationMinutes")]
    [InlineData(AlertRuleKind.OeeBelow, 4, 65.0, null, "DurationMinutes")]
    [InlineData(AlertRuleKind.OeeBelow, 60, null, null, "Threshold")]
    [InlineData(AlertRuleKind.OeeBelow, 60, 0.0, null, "Threshold")]
    [InlineData(AlertRuleKind.OeeBelow, 60, 100.5, null, "Threshold")]
    [InlineData(AlertRuleKind.MeasureAbove, 121, 1.0, "t", "DurationMinutes")]
    [InlineData(AlertRuleKind.MeasureAbove, 5, null, "t", "Threshold")]
    [InlineData(AlertRuleKind.MeasureAbove, 5, double.NaN, "t", "Threshold")]
    [InlineData(AlertRuleKind.MeasureBelow, 5, 1.0, null, "MeasureName")]
    [InlineData(AlertRuleKind.MeasureBelow, 5, 1.0, "Temperature", "MeasureName")]
    public void EachWrongSettingIsReportedOnItsField(AlertRuleKind kind, int minutes, double? threshold, string? measure, string field) =>
        Assert.Equal(field, Assert.Single(AlertRuleValidation.Check(kind, minutes, threshold, measure)).Field);

    [Theory]
    [InlineData(59, "59 min")]
    [InlineData(125, "2 h 05 min")]
    [InlineData(-1, "0 min")]
    public void DurationsReadInMinutesAndHours(int minutes, string expected) =>
        Assert.Equal(expected, AlertDurations.Format(TimeSpan.FromMinutes(minutes)));
}

using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using Xunit;
using static FactoryCloud.Domain.Tests.Alerts.AlertTestData;

namespace FactoryCloud.Domain.Tests.Alerts;

public class MachineDownConditionTests
{
    private static readonly AlertRule DownTenMinutes = Rule(AlertRuleKind.MachineDown, 10);

    [Fact]
    public void DownForExactlyNMinutesMeetsTheConditionWithTheReasonInTheDetail()
    {
        var condition = AlertConditions.Evaluate(DownTenMinutes, new(Now, MachineState.Down, Now.AddMinutes(-10), "jam"));

        Assert.Equal(ConditionStatus.Met, condition.Status);
        Assert.Equal("Down for 10 min (jam)", condition.Detail);
    }

    [Fact]
    public void DownForLessThanNMinutesDoesNotMeetIt() =>
        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(DownTenMinutes, new(Now, MachineState.Down, Now.AddMinutes(-9.9))).Status);

    [Theory]
    [InlineData(MachineState.Running)]
    [InlineData(MachineState.Offline)]
    [InlineData(MachineState.PlannedStop)]
    public void AnyOtherStateDoesNotMeetIt(MachineState state) =>
        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(DownTenMinutes, new(Now, state, Now.AddHours(-5))).Status);

    [Fact]
    public void AMachineWithoutAnyStateIsNotDown() =>
        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(DownTenMinutes, new(Now)).Status);
}

public class OeeBelowConditionTests
{
    private static readonly AlertRule OeeBelow60OverAnHour = Rule(AlertRuleKind.OeeBelow, 60, threshold: 60);

    [Fact]
    public void OeeBelowTheLimitOverTheWindowMeetsTheCondition()
    {
        // 30 min running, 30 min down, 900 units at 1 s ideal: OEE 900/3600 = 25 %.
        var totals = KpiTotals.Zero with
        {
            PlannedSeconds = 3600, RunSeconds = 1800, BreakdownSeconds = 1800, GoodCount = 900, IdealSecondsTotal = 900, IdealSecondsGood = 900,
        };

        var condition = AlertConditions.Evaluate(OeeBelow60OverAnHour, new MachineAlertFacts(Now, MachineState.Down, Now.AddMinutes(-30), WindowTotals: totals));

        Assert.Equal(ConditionStatus.Met, condition.Status);
        Assert.Equal("OEE 25.0 % over the last 60 min (limit 60 %)", condition.Detail);
    }

    [Fact]
    public void OeeAtOrAboveTheLimitDoesNotMeetIt()
    {
        var totals = KpiTotals.Zero with
        {
            PlannedSeconds = 3600, RunSeconds = 1800, IdleSeconds = 1800, GoodCount = 2160, IdealSecondsTotal = 2160, IdealSecondsGood = 2160,
        };

        var facts = new MachineAlertFacts(Now, MachineState.Running, Now.AddMinutes(-30), WindowTotals: totals);

        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(OeeBelow60OverAnHour, facts).Status); // exactly 60 %
    }

    [Fact]
    public void AWindowSpentInPlannedStopHasNoOeeAndRaisesNothing()
    {
        var totals = KpiTotals.Zero with { PlannedStopSeconds = 3600 };

        var facts = new MachineAlertFacts(Now, MachineState.PlannedStop, Now.AddHours(-3), WindowTotals: totals);

        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(OeeBelow60OverAnHour, facts).Status);
    }

    [Fact]
    public void AMostlyEmptyWindowIsNotJudged()
    {
        var totals = KpiTotals.Zero with { PlannedSeconds = 3600, BreakdownSeconds = 600, NoDataSeconds = 3000 };

        var facts = new MachineAlertFacts(Now, MachineState.Down, Now.AddMinutes(-10), WindowTotals: totals);

        Assert.Equal(ConditionStatus.Unknown, AlertConditions.Evaluate(OeeBelow60OverAnHour, facts).Status);
    }

    [Theory]
    [InlineData(60, 3540)] // the machine's first message came a minute ago
    [InlineData(1500, 2100)] // 25 minutes of data in the hour: still less than half
    public void AWindowMostlyBeforeTheMachinesFirstDataIsNotJudged(double plannedSeconds, double beforeFirstDataSeconds)
    {
        // The KPIs leave time before the first data out of planned time; what is left is all covered, and its OEE is low.
        var totals = KpiTotals.Zero with
        {
            PlannedSeconds = plannedSeconds, RunSeconds = plannedSeconds / 2, BreakdownSeconds = plannedSeconds / 2, BeforeFirstDataSeconds = beforeFirstDataSeconds,
            GoodCount = 1, IdealSecondsTotal = 1, IdealSecondsGood = 1,
        };

        var condition = AlertConditions.Evaluate(OeeBelow60OverAnHour, new MachineAlertFacts(Now, MachineState.Down, Now.AddMinutes(-1), WindowTotals: totals));

        Assert.Equal(ConditionStatus.Unknown, condition.Status);
    }

    [Fact]
    public void AWindowMoreThanHalfCoveredSinceTheFirstDataIsJudged()
    {
        var totals = KpiTotals.Zero with
        {
            PlannedSeconds = 2400, RunSeconds = 1200, BreakdownSeconds = 1200, BeforeFirstDataSeconds = 1200, GoodCount = 1, IdealSecondsTotal = 1, IdealSecondsGood = 1,
        };

        Assert.Equal(ConditionStatus.Met, AlertConditions.Evaluate(OeeBelow60OverAnHour, new MachineAlertFacts(Now, MachineState.Down, Now.AddMinutes(-20), WindowTotals: totals)).Status);
    }

    [Fact]
    public void WithoutAWindowTheConditionIsUnknown() =>
        Assert.Equal(ConditionStatus.Unknown, AlertConditions.Evaluate(OeeBelow60OverAnHour, new MachineAlertFacts(Now, MachineState.Down, Now)).Status);
}

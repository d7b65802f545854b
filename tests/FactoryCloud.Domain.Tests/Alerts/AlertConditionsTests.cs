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
    private static readonly TimeWindow LastHour = new(Now.AddHours(-1), Now);

    [Fact]
    public void OeeBelowTheLimitOverTheWindowMeetsTheCondition()
    {
        // Closed: 30 min running, then down since 30 min ago (open tail), 900 units at 1 s ideal: OEE 900/3600 = 25 %.
        var sums = new ClosedStateSums(RunSeconds: 1800, GoodCount: 900, IdealSecondsTotal: 900, IdealSecondsGood: 900);
        var facts = new MachineAlertFacts(Now, MachineState.Down, Now.AddMinutes(-30), Window: LastHour, WindowSums: sums);

        var condition = AlertConditions.Evaluate(OeeBelow60OverAnHour, facts);

        Assert.Equal(ConditionStatus.Met, condition.Status);
        Assert.Equal("OEE 25.0 % over the last 60 min (limit 60 %)", condition.Detail);
    }

    [Fact]
    public void OeeAtOrAboveTheLimitDoesNotMeetIt()
    {
        var sums = new ClosedStateSums(RunSeconds: 1800, GoodCount: 2160, IdealSecondsTotal: 2160, IdealSecondsGood: 2160);
        var facts = new MachineAlertFacts(Now, MachineState.Running, Now.AddMinutes(-30), Window: LastHour, WindowSums: sums);

        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(OeeBelow60OverAnHour, facts).Status); // exactly 60 %
    }

    [Fact]
    public void AWindowSpentInPlannedStopHasNoOeeAndRaisesNothing()
    {
        var facts = new MachineAlertFacts(Now, MachineState.PlannedStop, Now.AddHours(-3), Window: LastHour, WindowSums: ClosedStateSums.Zero);

        Assert.Equal(ConditionStatus.NotMet, AlertConditions.Evaluate(OeeBelow60OverAnHour, facts).Status);
    }

    [Fact]
    public void AMachineThatStartedReportingMinutesAgoIsNotJudgedOnAMostlyEmptyWindow()
    {
        var facts = new MachineAlertFacts(Now, MachineState.Down, Now.AddMinutes(-10), Window: LastHour, WindowSums: ClosedStateSums.Zero);

        Assert.Equal(ConditionStatus.Unknown, AlertConditions.Evaluate(OeeBelow60OverAnHour, facts).Status);
    }

    [Fact]
    public void TheWindowsTotalsAddTheOpenTailAndExcludePlannedStopsLikeTheKpiApi()
    {
        var sums = new ClosedStateSums(RunSeconds: 600, PlannedStopSeconds: 600, GoodCount: 10, ScrapCount: 2, IdealSecondsTotal: 12, IdealSecondsGood: 10);

        var totals = sums.ToKpiTotals(new TimeWindow(Now.AddMinutes(-40), Now), MachineState.Down, Now.AddMinutes(-20));

        Assert.Equal(600, totals.RunSeconds);
        Assert.Equal(1200, totals.BreakdownSeconds);
        Assert.Equal(600, totals.PlannedStopSeconds);
        Assert.Equal(0, totals.NoDataSeconds);
        Assert.Equal(1800, totals.PlannedSeconds);
        Assert.Equal(12, totals.TotalCount);
    }

    [Fact]
    public void AStateThatBeganBeforeTheWindowCountsFromTheWindowStart()
    {
        var totals = ClosedStateSums.Zero.ToKpiTotals(new TimeWindow(Now.AddMinutes(-40), Now), MachineState.Down, Now.AddHours(-2));

        Assert.Equal(2400, totals.BreakdownSeconds);
        Assert.Equal(2400, totals.PlannedSeconds);
    }

    [Fact]
    public void TimeWithoutAnyStateIsNoDataInsidePlannedTime()
    {
        var totals = new ClosedStateSums(RunSeconds: 600).ToKpiTotals(new TimeWindow(Now.AddMinutes(-40), Now), null, null);

        Assert.Equal(1800, totals.NoDataSeconds);
        Assert.Equal(2400, totals.PlannedSeconds);
    }
}

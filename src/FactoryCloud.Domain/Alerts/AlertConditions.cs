using System.Globalization;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Alerts;

/// <summary>Evaluates a rule's condition on one machine's facts. Pure: the same facts always give the same answer.</summary>
public static class AlertConditions
{
    /// <summary>
    /// A rolling OEE over a window that is mostly "no data" (a machine that just started reporting) says little:
    /// below this coverage the OEE rule neither raises nor clears.
    /// </summary>
    public const double MinOeeDataCoverage = 0.5;

    public static AlertCondition Evaluate(AlertRule rule, MachineAlertFacts facts) => rule.Kind switch
    {
        AlertRuleKind.MachineDown => Down(rule, facts),
        AlertRuleKind.OeeBelow => OeeBelow(rule, facts),
        AlertRuleKind.MeasureAbove => Measure(rule, facts, above: true),
        AlertRuleKind.MeasureBelow => Measure(rule, facts, above: false),
        AlertRuleKind.NoData => NoData(rule, facts),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "Unknown alert rule kind."),
    };

    private static AlertCondition Down(AlertRule rule, MachineAlertFacts facts)
    {
        if (facts.CurrentState != MachineState.Down || facts.StateSince is not { } since) return AlertCondition.NotMet("Not down.");
        var down = facts.Now - since;
        var detail = $"Down for {AlertDurations.Format(down)}" + (string.IsNullOrEmpty(facts.StateReason) ? "" : $" ({facts.StateReason})");
        return down >= Minutes(rule) ? AlertCondition.Met(detail) : AlertCondition.NotMet(detail);
    }

    private static AlertCondition OeeBelow(AlertRule rule, MachineAlertFacts facts)
    {
        if (facts.WindowTotals is not { } totals) return AlertCondition.Unknown("No rolling window.");
        var figures = KpiFigures.From(totals);
        if (figures.Oee is not { } oee) return AlertCondition.NotMet("No planned production time in the window.");
        // Coverage of the whole window: planned time before the machine's first data has left planned time for the KPIs
        // (TimeBeforeFirstData), but a window mostly before the first message is still mostly unknown. Judged on its
        // first minutes, a new machine's OEE would raise and clear the alert every few seconds.
        var window = totals.PlannedSeconds + totals.BeforeFirstDataSeconds;
        if (window <= 0 || (totals.PlannedSeconds - totals.NoDataSeconds) / window < MinOeeDataCoverage)
            return AlertCondition.Unknown("Too little data in the window.");
        var limit = rule.Threshold ?? 0;
        var detail = Invariant($"OEE {oee * 100:0.0} % over the last {rule.DurationMinutes} min (limit {limit:0.##} %)");
        return oee * 100 < limit ? AlertCondition.Met(detail) : AlertCondition.NotMet(detail);
    }

    /// <summary>
    /// Met when the latest value is beyond the limit and every value since the breach began is too, with the breach
    /// older than N minutes. The breach begins at the first value after the latest one within the limit.
    /// </summary>
    private static AlertCondition Measure(AlertRule rule, MachineAlertFacts facts, bool above)
    {
        var samples = facts.Measures ?? [];
        if (samples.Count == 0) return AlertCondition.Unknown($"No {rule.MeasureName} values.");
        var limit = rule.Threshold ?? 0;
        bool Beyond(MeasureSample s) => above ? s.Value > limit : s.Value < limit;

        var latest = samples[^1];
        var relation = above ? "above" : "below";
        if (!Beyond(latest)) return AlertCondition.NotMet(Invariant($"{rule.MeasureName} {latest.Value:0.###} within the limit {limit:0.###}"));
        var lastWithin = -1;
        for (var i = samples.Count - 1; i >= 0 && lastWithin < 0; i--)
            if (!Beyond(samples[i])) lastWithin = i;
        var breach = facts.Now - samples[lastWithin + 1].At;
        var detail = Invariant($"{rule.MeasureName} {latest.Value:0.###} {relation} {limit:0.###} for {AlertDurations.Format(breach)}");
        return breach >= Minutes(rule) ? AlertCondition.Met(detail) : AlertCondition.NotMet(detail);
    }

    /// <summary>A machine that never sent anything is not yet connected, not offline: no alert until its first message.</summary>
    private static AlertCondition NoData(AlertRule rule, MachineAlertFacts facts)
    {
        if (facts.LastSeenAt is not { } lastSeen) return AlertCondition.Unknown("Never connected.");
        var silent = facts.Now - lastSeen;
        if (silent >= Minutes(rule)) return AlertCondition.Met($"No data for {AlertDurations.Format(silent)}");
        if (facts.CurrentState == MachineState.Offline && facts.StateSince is { } since && facts.Now - since >= Minutes(rule))
            return AlertCondition.Met($"Offline for {AlertDurations.Format(facts.Now - since)}");
        return AlertCondition.NotMet($"Last message {AlertDurations.Format(silent)} ago");
    }

    private static TimeSpan Minutes(AlertRule rule) => TimeSpan.FromMinutes(rule.DurationMinutes);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Analytics: downtime with a reason code, alert rules in use, median time to acknowledge, Pareto reasons turned into work.</summary>
public static class AnalyticsEvidence
{
    public const string ReasonCoded = "reason-coded-share", AlertRules = "alert-rules", Acknowledge = "median-minutes-to-acknowledge", ParetoWork = "pareto-work-items";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Analytics,
        Figures =
        [
            new(ReasonCoded, "Downtime with a reason code", FigureUnit.Share),
            new(AlertRules, "Alert rules in use", FigureUnit.Count),
            new(Acknowledge, "Median time to acknowledge an alert", FigureUnit.Minutes),
            new(ParetoWork, "Pareto reasons turned into work", FigureUnit.Count),
        ],
        Measure = facts => facts.Analytics is not { } f ? null : new Dictionary<string, double?>
        {
            [ReasonCoded] = Share(f.ReasonCodedDowntimeSeconds, f.DowntimeSeconds),
            [AlertRules] = f.AlertRulesInUse,
            [Acknowledge] = Median(f.MinutesToAcknowledge),
            [ParetoWork] = f.ParetoReasonsTurnedIntoWork,
        },
        NotStartedWhen = facts => facts.Analytics is { MachinesOnboarded: 0 } ? "No machine is onboarded, so there is nothing to analyse." : null,
        NotStartedRule = "no machine is onboarded",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(ReasonCoded, 0.25)),
            Rung(MaturityStage.Established, AtLeast(ReasonCoded, 0.60), AtLeast(AlertRules, 1)),
            Rung(MaturityStage.Advanced, AtLeast(ReasonCoded, 0.80), AtLeast(AlertRules, 3), AtMost(Acknowledge, 30), AtLeast(ParetoWork, 1)),
        ],
        CeilingNote = "Predictive and prescriptive models are not visible in the product's data: Optimized is for the assessors to judge.",
    };
}

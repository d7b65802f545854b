using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Strategy: targets with dates, gaps with epics, value hypotheses with measured results.</summary>
public static class StrategyEvidence
{
    public const string Dated = "dated-targets-share", Epics = "gaps-with-epics-share", Measured = "measured-hypotheses-share";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Strategy,
        Figures =
        [
            new(Dated, "Targets with a date", FigureUnit.Share),
            new(Epics, "Gaps with an epic", FigureUnit.Share),
            new(Measured, "Value hypotheses of done work with a measured result", FigureUnit.Share),
        ],
        Measure = facts => facts.Strategy is not { } f ? null : new Dictionary<string, double?>
        {
            [Dated] = Share(f.TargetsWithDates, f.Targets),
            [Epics] = Share(f.GapsWithEpics, f.Gaps),
            [Measured] = Share(f.HypothesesMeasured, f.HypothesesDone),
        },
        NotStartedWhen = facts => facts.Strategy is { Targets: 0 } ? "No assessment of this scope sets a target stage." : null,
        NotStartedRule = "no target stage is set",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(Dated, 0.50)),
            Rung(MaturityStage.Established, AtLeast(Dated, 0.80), AtLeast(Epics, 0.25)),
            Rung(MaturityStage.Advanced, AtLeast(Dated, 0.95), AtLeast(Epics, 0.60), AtLeast(Measured, 0.25)),
            Rung(MaturityStage.Optimized, AtLeast(Epics, 0.90), AtLeast(Measured, 0.60)),
        ],
    };
}

using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>
/// Cross-functional organisation: teams covering business, development, test and operations; lead and cycle time;
/// WIP-limit discipline; throughput stability over sprints (coefficient of variation of points done per sprint,
/// averaged over the products with at least two sprints).
/// </summary>
public static class OrganisationEvidence
{
    public const string CrossFunctional = "cross-functional-share", LeadTime = "median-lead-time", CycleTime = "median-cycle-time",
        WipDiscipline = "wip-discipline", Stability = "throughput-variation";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Organisation,
        Figures =
        [
            new(CrossFunctional, "Teams covering business, development, test and operations", FigureUnit.Share),
            new(LeadTime, "Median lead time", FigureUnit.Days),
            new(CycleTime, "Median cycle time", FigureUnit.Days),
            new(WipDiscipline, "WIP-limited columns within their limit", FigureUnit.Share),
            new(Stability, "Variation of throughput over sprints", FigureUnit.Ratio),
        ],
        Measure = facts => facts.Organisation is not { } f ? null : new Dictionary<string, double?>
        {
            [CrossFunctional] = Share(f.CrossFunctionalTeams, f.Teams),
            [LeadTime] = Median(f.LeadTimesDays),
            [CycleTime] = Median(f.CycleTimesDays),
            [WipDiscipline] = Share(f.LimitedColumnsWithinLimit, f.LimitedColumns),
            [Stability] = MeanVariation(f.SprintThroughputsByProduct),
        },
        NotStartedWhen = facts => facts.Organisation is { Teams: 0 } ? "No team is set up in the product." : null,
        NotStartedRule = "no team is set up",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(CrossFunctional, 0.25)),
            Rung(MaturityStage.Established, AtLeast(CrossFunctional, 0.50), AtMost(CycleTime, 14), AtLeast(WipDiscipline, 0.50)),
            Rung(MaturityStage.Advanced, AtLeast(CrossFunctional, 0.75), AtMost(LeadTime, 30), AtLeast(WipDiscipline, 0.80), AtMost(Stability, 0.50)),
            Rung(MaturityStage.Optimized, AtLeast(CrossFunctional, 1.0), AtMost(CycleTime, 5), AtLeast(WipDiscipline, 0.95), AtMost(Stability, 0.25)),
        ],
    };

    private static double? MeanVariation(IReadOnlyList<IReadOnlyList<double>> byProduct)
    {
        var variations = byProduct.Select(CoefficientOfVariation).OfType<double>().ToList();
        return variations.Count == 0 ? null : variations.Average();
    }
}

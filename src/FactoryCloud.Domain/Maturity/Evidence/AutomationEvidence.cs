using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Automation: availability and performance, and their change against the window before (percentage points).</summary>
public static class AutomationEvidence
{
    public const string Availability = "availability", Performance = "performance", AvailabilityTrend = "availability-change", PerformanceTrend = "performance-change";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Automation,
        Figures =
        [
            new(Availability, "Availability", FigureUnit.Share),
            new(Performance, "Performance", FigureUnit.Share),
            new(AvailabilityTrend, "Change of availability against the window before", FigureUnit.Points),
            new(PerformanceTrend, "Change of performance against the window before", FigureUnit.Points),
        ],
        Measure = facts => facts.Automation is not { } f ? null : new Dictionary<string, double?>
        {
            [Availability] = f.Availability,
            [Performance] = f.Performance,
            [AvailabilityTrend] = Difference(f.Availability, f.PreviousAvailability),
            [PerformanceTrend] = Difference(f.Performance, f.PreviousPerformance),
        },
        NotStartedWhen = facts => facts.Automation is { Availability: null } ? "No machine has planned time with state data, so availability is unknown." : null,
        NotStartedRule = "availability is unknown (no state data in planned time)",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(Availability, 0.50)),
            Rung(MaturityStage.Established, AtLeast(Availability, 0.70), AtLeast(Performance, 0.70)),
            Rung(MaturityStage.Advanced, AtLeast(Availability, 0.85), AtLeast(Performance, 0.85), AtLeast(AvailabilityTrend, -0.01), AtLeast(PerformanceTrend, -0.01)),
            Rung(MaturityStage.Optimized, AtLeast(Availability, 0.90), AtLeast(Performance, 0.95), AtLeast(AvailabilityTrend, 0), AtLeast(PerformanceTrend, 0)),
        ],
    };
}

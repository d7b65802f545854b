using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Data architecture: completeness, machines sending all three channels, OEE defined on every line.</summary>
public static class DataEvidence
{
    public const string Completeness = "data-completeness", AllChannels = "all-channels-share", LinesWithOee = "lines-with-oee-share", Refused = "refused-rate";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Data,
        Figures =
        [
            new(Completeness, "Data completeness", FigureUnit.Share),
            new(AllChannels, "Machines with state, count and measure data", FigureUnit.Share),
            new(LinesWithOee, "Lines with OEE", FigureUnit.Share),
            new(Refused, "Refused messages", FigureUnit.Share),
        ],
        Measure = facts => facts.Data is not { } f ? null : new Dictionary<string, double?>
        {
            [Completeness] = f.DataCompleteness,
            [AllChannels] = Share(f.MachinesWithAllChannels, f.MachinesOnboarded),
            [LinesWithOee] = Share(f.LinesWithOee, f.Lines),
            [Refused] = Share(f.RefusedMessages, f.AcceptedMessages + f.RefusedMessages) ?? 0,
        },
        NotStartedWhen = facts => facts.Data is { MachinesOnboarded: 0 } or { DataCompleteness: null }
            ? "No machine is onboarded or no time is planned, so no production data is collected." : null,
        NotStartedRule = "no machine is onboarded or no time is planned",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(Completeness, 0.25)),
            Rung(MaturityStage.Established, AtLeast(Completeness, 0.60), AtLeast(LinesWithOee, 1.0)),
            Rung(MaturityStage.Advanced, AtLeast(Completeness, 0.90), AtLeast(AllChannels, 0.50), AtMost(Refused, 0.01)),
        ],
        CeilingNote = "MES/ERP integration and data governance are not visible in the product's data: Optimized is for the assessors to judge.",
    };
}

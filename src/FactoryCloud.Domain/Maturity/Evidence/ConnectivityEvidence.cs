using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Connectivity and IIoT: machines online, the share of onboarded machines streaming, refused messages.</summary>
public static class ConnectivityEvidence
{
    public const string Online = "machines-online", Streaming = "streaming-share", Refused = "refused-rate", Completeness = "data-completeness";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Connectivity,
        Figures =
        [
            new(Online, "Machines online", FigureUnit.Count),
            new(Streaming, "Machines streaming", FigureUnit.Share),
            new(Refused, "Refused messages", FigureUnit.Share),
            new(Completeness, "Data completeness", FigureUnit.Share),
        ],
        Measure = facts => facts.Connectivity is not { } f ? null : new Dictionary<string, double?>
        {
            [Online] = f.MachinesOnline,
            [Streaming] = Share(f.MachinesOnline, f.MachinesOnboarded),
            [Refused] = Share(f.RefusedMessages, f.AcceptedMessages + f.RefusedMessages) ?? 0,
            [Completeness] = f.DataCompleteness,
        },
        NotStartedWhen = facts => facts.Connectivity!.MachinesOnboarded == 0 ? "No machine is onboarded." : null,
        NotStartedRule = "no machine is onboarded",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(Streaming, 0.25)),
            Rung(MaturityStage.Established, AtLeast(Streaming, 0.60)),
            Rung(MaturityStage.Advanced, AtLeast(Streaming, 0.90), AtMost(Refused, 0.01)),
            Rung(MaturityStage.Optimized, AtLeast(Streaming, 0.98), AtMost(Refused, 0.001), AtLeast(Completeness, 0.95)),
        ],
    };
}

using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>Energy: the share of machines metering energy, energy per good unit and its change against the window before.</summary>
public static class EnergyEvidence
{
    public const string Metering = "metering-share", PerUnit = "energy-per-unit", PerUnitKnown = "energy-per-unit-known", Trend = "energy-per-unit-change";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Energy,
        Figures =
        [
            new(Metering, "Machines metering energy", FigureUnit.Share),
            new(PerUnit, "Energy per good unit", FigureUnit.KwhPerUnit),
            new(PerUnitKnown, "Energy per unit known", FigureUnit.Flag),
            new(Trend, "Change of energy per unit against the window before", FigureUnit.Change),
        ],
        Measure = facts => facts.Energy is not { } f ? null : new Dictionary<string, double?>
        {
            [Metering] = Share(f.MachinesMeteringEnergy, f.MachinesOnboarded),
            [PerUnit] = f.EnergyPerUnitKwh,
            [PerUnitKnown] = f.EnergyPerUnitKwh is null ? 0 : 1,
            [Trend] = RelativeChange(f.EnergyPerUnitKwh, f.PreviousEnergyPerUnitKwh),
        },
        NotStartedWhen = facts => facts.Energy is { MachinesMeteringEnergy: 0 } ? "No machine meters energy." : null,
        NotStartedRule = "no machine meters energy",
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(Metering, 0.25)),
            Rung(MaturityStage.Established, AtLeast(Metering, 0.60), AtLeast(PerUnitKnown, 1)),
            Rung(MaturityStage.Advanced, AtLeast(Metering, 0.90), AtMost(Trend, 0)),
            Rung(MaturityStage.Optimized, AtLeast(Metering, 0.98), AtMost(Trend, -0.05)),
        ],
    };
}

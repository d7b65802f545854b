using System.Globalization;

namespace FactoryCloud.Domain.Maturity;

public sealed record SuggestedStage(MaturityStage Stage, IReadOnlyList<string> Reasons);

/// <summary>
/// Suggests a stage for the Connectivity and Data dimensions from telemetry evidence; the assessor decides.
/// <list type="bullet">
/// <item>Connectivity, from the share of machines reporting: &lt;25 % Ad hoc, &lt;60 % Developing, &lt;90 % Established,
/// &lt;98 % Advanced, else Optimized. Advanced needs at most 1 % refused messages; Optimized at most 0.1 % and
/// 95 % data completeness. No machine onboarded: Not started.</item>
/// <item>Data, from data completeness: &lt;25 % Ad hoc, &lt;60 % Developing, else Established, which also needs OEE on
/// every line; Advanced needs 90 % completeness, OEE on every line and at most 1 % refused messages. Telemetry
/// cannot show MES/ERP integration or governance, so Data is never suggested above Advanced.</item>
/// </list>
/// </summary>
public static class EvidenceSuggestion
{
    public static SuggestedStage? Suggest(EvidenceSource source, EvidenceFigures figures) => source switch
    {
        EvidenceSource.Connectivity => Connectivity(figures),
        EvidenceSource.Data => Data(figures),
        _ => null,
    };

    private static SuggestedStage Connectivity(EvidenceFigures f)
    {
        if (f.ReportingShare is not { } share) return new(MaturityStage.NotStarted, ["No machine of this site is onboarded."]);
        var refused = f.RefusedRate ?? 0;
        var reasons = new List<string> { $"{f.ReportingMachines} of {f.MachineCount} machines ({Percent(share)}) reported in the last 24 hours." };
        var stage = share switch
        {
            < 0.25 => MaturityStage.AdHoc,
            < 0.60 => MaturityStage.Developing,
            < 0.90 => MaturityStage.Established,
            < 0.98 => MaturityStage.Advanced,
            _ => MaturityStage.Optimized,
        };
        if (stage >= MaturityStage.Advanced && refused > 0.01)
        {
            stage = MaturityStage.Established;
            reasons.Add($"{Percent(refused)} of messages were refused (Advanced needs at most 1 %).");
        }
        else if (stage == MaturityStage.Optimized && (refused > 0.001 || (f.DataCompleteness ?? 0) < 0.95))
        {
            stage = MaturityStage.Advanced;
            reasons.Add($"Optimized needs at most 0.1 % refused messages (now {Percent(refused)}) and 95 % data completeness (now {Percent(f.DataCompleteness ?? 0)}).");
        }
        else reasons.Add($"{Percent(refused)} of messages were refused.");
        return new(stage, reasons);
    }

    private static SuggestedStage Data(EvidenceFigures f)
    {
        if (f.MachineCount == 0 || f.DataCompleteness is not { } completeness)
            return new(MaturityStage.NotStarted, ["No machine of this site is onboarded, so no production data is collected."]);
        var refused = f.RefusedRate ?? 0;
        var reasons = new List<string>
        {
            $"State data covers {Percent(completeness)} of planned time.",
            f.OeeOnEveryLine ? $"OEE is computed for all {f.LineCount} lines." : $"OEE is computed for {f.LinesWithOee} of {f.LineCount} lines.",
        };
        var stage = completeness switch
        {
            < 0.25 => MaturityStage.AdHoc,
            < 0.60 => MaturityStage.Developing,
            < 0.90 => MaturityStage.Established,
            _ => MaturityStage.Advanced,
        };
        if (stage >= MaturityStage.Established && !f.OeeOnEveryLine) stage = MaturityStage.Developing;
        if (stage == MaturityStage.Advanced && refused > 0.01)
        {
            stage = MaturityStage.Established;
            reasons.Add($"{Percent(refused)} of messages were refused (Advanced needs at most 1 %).");
        }
        if (stage == MaturityStage.Advanced) reasons.Add("MES/ERP integration is not visible in telemetry: Optimized is for the assessors to judge.");
        return new(stage, reasons);
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

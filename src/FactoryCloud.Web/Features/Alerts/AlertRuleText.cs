using System.Globalization;
using FactoryCloud.Domain.Alerts;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>How rules read in the UI and the API: "Down for at least 10 min", "OEE below 65 % over 60 min".</summary>
public static class AlertRuleText
{
    public static string Kind(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.MachineDown => "Machine down",
        AlertRuleKind.OeeBelow => "OEE below",
        AlertRuleKind.MeasureAbove => "Measurement above",
        AlertRuleKind.MeasureBelow => "Measurement below",
        _ => "No data",
    };

    public static string Condition(AlertRuleKind kind, int minutes, double? threshold, string? measure) => kind switch
    {
        AlertRuleKind.MachineDown => Invariant($"Down for at least {minutes} min"),
        AlertRuleKind.OeeBelow => Invariant($"OEE below {threshold:0.##} % over {minutes} min"),
        AlertRuleKind.MeasureAbove => Invariant($"{measure} above {threshold:0.###} for {minutes} min"),
        AlertRuleKind.MeasureBelow => Invariant($"{measure} below {threshold:0.###} for {minutes} min"),
        _ => Invariant($"No data for {minutes} min"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

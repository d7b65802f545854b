using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Alerts;

/// <summary>
/// Which combinations of kind, duration, threshold and measure name make a rule that can be evaluated. The limits
/// keep each evaluation cheap: a rolling OEE window reads at most a day of minute buckets, a measure rule at most
/// two hours of raw measure messages.
/// </summary>
public static partial class AlertRuleValidation
{
    public const int MinDurationMinutes = 1;
    public const int MaxDurationMinutes = 1440;
    public const int MinOeeWindowMinutes = 5;
    public const int MaxMeasureDurationMinutes = 120;

    /// <summary>Field errors (field name, message) for the rule's settings; empty when the rule is valid.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(AlertRuleKind kind, int durationMinutes, double? threshold, string? measureName)
    {
        var errors = new List<(string, string)>();
        var (minDuration, maxDuration) = kind switch
        {
            AlertRuleKind.OeeBelow => (MinOeeWindowMinutes, MaxDurationMinutes),
            AlertRuleKind.MeasureAbove or AlertRuleKind.MeasureBelow => (MinDurationMinutes, MaxMeasureDurationMinutes),
            _ => (MinDurationMinutes, MaxDurationMinutes),
        };
        if (durationMinutes < minDuration || durationMinutes > maxDuration)
            errors.Add(("DurationMinutes", $"Enter between {minDuration} and {maxDuration} minutes."));

        switch (kind)
        {
            case AlertRuleKind.OeeBelow when threshold is not (> 0 and <= 100):
                errors.Add(("Threshold", "Enter an OEE limit above 0 and at most 100 percent."));
                break;
            case AlertRuleKind.MeasureAbove or AlertRuleKind.MeasureBelow:
                if (threshold is not { } limit || !double.IsFinite(limit)) errors.Add(("Threshold", "Enter the limit as a number."));
                if (measureName is null || !MeasureNamePattern().IsMatch(measureName))
                    errors.Add(("MeasureName", "Enter the measurement's name: 1 to 64 lower-case letters, digits or underscores, as the device sends it."));
                break;
        }
        return errors;
    }

    /// <summary>Measure names as the telemetry contract allows them.</summary>
    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MeasureNamePattern();
}

using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>The tenant's loss settings as the API and the settings page edit them.</summary>
public sealed class KpiSettingsRequest : IValidatableObject
{
    public const int MaxRules = 100;

    [Range(0, 3600, ErrorMessage = "The small-stop threshold must be between 0 and 3,600 seconds.")]
    public double SmallStopThresholdSeconds { get; set; } = LossSettings.DefaultSmallStopThreshold.TotalSeconds;

    [Range(0, 86_400, ErrorMessage = "The start-up period must be between 0 and 86,400 seconds.")]
    public double StartupPeriodSeconds { get; set; }

    public List<LossRule> Rules { get; set; } = [];

    /// <summary>Count planned time before a machine's first data as no-data loss (off by default: <see cref="TimeBeforeFirstData"/>).</summary>
    public bool IncludeTimeBeforeFirstData { get; set; }

    /// <summary>States that can be mapped, and the categories a state can be mapped to (the others are derived from counts).</summary>
    public static readonly MachineState[] MappableStates = [MachineState.Down, MachineState.Idle, MachineState.Changeover, MachineState.Offline];

    public static readonly LossCategory[] MappableCategories =
        [LossCategory.Breakdown, LossCategory.SetupAdjustment, LossCategory.SmallStop, LossCategory.Idle, LossCategory.Offline, LossCategory.NoData];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Rules.Count > MaxRules) yield return new($"At most {MaxRules} rules.", [nameof(Rules)]);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (!MappableStates.Contains(rule.State))
                yield return new($"Rule {i + 1}: {rule.State} cannot be mapped (Running is production, a planned stop is not planned time).", [nameof(Rules)]);
            if (!MappableCategories.Contains(rule.Category))
                yield return new($"Rule {i + 1}: {rule.Category} is derived from counts and cannot be mapped from a state.", [nameof(Rules)]);
            if (rule.Reason is { Length: > MachineStateChange.ReasonMaxLength })
                yield return new($"Rule {i + 1}: a reason code has at most {MachineStateChange.ReasonMaxLength} characters.", [nameof(Rules)]);
        }
        var duplicates = Rules.GroupBy(r => (r.State, Reason: string.IsNullOrEmpty(r.Reason) ? null : r.Reason)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var (state, reason) in duplicates)
            yield return new($"Two rules for {state}{(reason is null ? "" : $" / {reason}")}.", [nameof(Rules)]);
    }
}

public sealed record KpiSettingsView(double SmallStopThresholdSeconds, double StartupPeriodSeconds, IReadOnlyList<LossRule> Rules, bool IncludeTimeBeforeFirstData = false)
{
    public static KpiSettingsView Of(KpiSettings? settings) => settings is null
        ? new(LossSettings.DefaultSmallStopThreshold.TotalSeconds, 0, [])
        : new(settings.SmallStopThresholdSeconds, settings.StartupPeriodSeconds, settings.Rules, settings.IncludeTimeBeforeFirstData);
}

namespace FactoryCloud.Domain.Alerts;

/// <summary>What an alert rule watches on each machine in its scope.</summary>
public enum AlertRuleKind
{
    /// <summary>The machine has been in the Down state for at least <see cref="AlertRule.DurationMinutes"/>.</summary>
    MachineDown,

    /// <summary>OEE over the last <see cref="AlertRule.DurationMinutes"/> is below <see cref="AlertRule.Threshold"/> percent.</summary>
    OeeBelow,

    /// <summary>The measurement <see cref="AlertRule.MeasureName"/> has been above <see cref="AlertRule.Threshold"/> for the duration.</summary>
    MeasureAbove,

    /// <summary>The measurement <see cref="AlertRule.MeasureName"/> has been below <see cref="AlertRule.Threshold"/> for the duration.</summary>
    MeasureBelow,

    /// <summary>No message arrived from the machine (or it reported Offline) for the duration.</summary>
    NoData,
}

namespace FactoryCloud.Domain.Alerts;

/// <summary>What to do with a rule's alert on one machine after evaluating it.</summary>
public enum AlertAction
{
    None,
    Raise,
    Keep,
    Clear,
}

public static class AlertActions
{
    /// <summary>
    /// At most one active alert per rule and machine: a met condition raises one only when none is active; an
    /// active alert is cleared when its condition ends or its rule is disabled; unknown facts change nothing.
    /// </summary>
    public static AlertAction Decide(ConditionStatus condition, bool hasActiveAlert, bool ruleEnabled = true) =>
        (ruleEnabled ? condition : ConditionStatus.NotMet, hasActiveAlert) switch
        {
            (ConditionStatus.Met, false) => AlertAction.Raise,
            (ConditionStatus.NotMet, true) => AlertAction.Clear,
            (_, true) => AlertAction.Keep,
            _ => AlertAction.None,
        };
}

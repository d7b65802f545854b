namespace FactoryCloud.Domain.Alerts;

public enum ConditionStatus
{
    /// <summary>The rule's condition holds: raise an alert, or keep the active one.</summary>
    Met,

    /// <summary>The condition does not hold: clear the active alert, if any.</summary>
    NotMet,

    /// <summary>The facts cannot tell (no data yet): change nothing.</summary>
    Unknown,
}

/// <summary>The outcome of evaluating a rule on a machine, with what was found, for the alert's detail.</summary>
public sealed record AlertCondition(ConditionStatus Status, string Detail)
{
    public static AlertCondition Met(string detail) => new(ConditionStatus.Met, detail);
    public static AlertCondition NotMet(string detail) => new(ConditionStatus.NotMet, detail);
    public static AlertCondition Unknown(string detail) => new(ConditionStatus.Unknown, detail);
}

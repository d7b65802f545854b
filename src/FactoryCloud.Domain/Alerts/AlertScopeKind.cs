namespace FactoryCloud.Domain.Alerts;

/// <summary>Which level of the plant a rule covers: every machine below it is watched.</summary>
public enum AlertScopeKind
{
    Machine,
    Line,
    Site,
}

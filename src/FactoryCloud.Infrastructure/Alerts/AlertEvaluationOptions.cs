namespace FactoryCloud.Infrastructure.Alerts;

/// <summary>Settings under <c>Alerts</c>.</summary>
public sealed class AlertEvaluationOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// How often every tenant's rules are evaluated for all machines, for conditions that become true by time alone
    /// (no data for N minutes, down for N minutes while nothing new arrives).
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

using FactoryCloud.Domain.Alerts;

namespace FactoryCloud.Domain.Tests.Alerts;

internal static class AlertTestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static AlertRule Rule(AlertRuleKind kind, int minutes, double? threshold = null, string? measure = null) => new()
    {
        TenantId = Guid.NewGuid(), Name = kind.ToString(), Kind = kind, ScopeKind = AlertScopeKind.Machine, ScopeId = Guid.NewGuid(),
        DurationMinutes = minutes, Threshold = threshold, MeasureName = measure,
    };
}

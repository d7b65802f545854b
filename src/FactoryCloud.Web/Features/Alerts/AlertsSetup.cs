using FactoryCloud.Infrastructure.Alerts;

namespace FactoryCloud.Web.Features.Alerts;

public static class AlertsSetup
{
    /// <summary>The alert pages' services and alert evaluation (the web app stores telemetry on the embedded default).</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddAlertEvaluation();
        services.AddScoped<AlertRuleService>();
        services.AddScoped<AlertService>();
        return services;
    }
}

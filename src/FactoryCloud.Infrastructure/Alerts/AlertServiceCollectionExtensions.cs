using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Infrastructure.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Alert evaluation after every telemetry commit and on a periodic sweep. Register it in the process that runs the
    /// telemetry store (the web app on the embedded default, the worker with <c>Ingestion:RunProcessor=true</c>).
    /// </summary>
    public static IServiceCollection AddAlertEvaluation(this IServiceCollection services)
    {
        services.AddOptions<AlertEvaluationOptions>().BindConfiguration(AlertEvaluationOptions.Section);
        services.TryAddSingleton<AlertNotifications>();
        services.TryAddSingleton<AlertEvaluator>();
        services.AddHostedService<AlertEvaluationWorker>();
        return services;
    }
}

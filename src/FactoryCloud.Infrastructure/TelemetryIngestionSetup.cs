using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure;

/// <summary>
/// Composes ingestion for a host: the configured MQTT ingress (<c>Mqtt:Mode=BuiltIn</c> hosts the broker,
/// <c>External</c> subscribes to one, <c>None</c> takes nothing in) in front of the telemetry pipeline. Brokers depend
/// on the pipeline's contracts (<see cref="ITelemetryIngress"/>); the pipeline does not depend on brokers.
/// </summary>
public static class TelemetryIngestionSetup
{
    public static IServiceCollection AddTelemetryIngestion(this IServiceCollection services, IConfiguration configuration, bool runProcessor)
    {
        var mqtt = configuration.GetSection(BuiltInBrokerOptions.Section).Get<BuiltInBrokerOptions>() ?? new BuiltInBrokerOptions();
        services.AddOptions<BuiltInBrokerOptions>().Bind(configuration.GetSection(BuiltInBrokerOptions.Section)).ValidatedOnStart(o => o.Validate());
        services.TryAddSingleton<DeviceAuthenticator>();
        services.TryAddSingleton<DeviceCredentialChanges>();
        var ingress = mqtt.Mode switch
        {
            MqttMode.BuiltIn => PipelineIngress.AuthenticatedDevices,
            MqttMode.External => PipelineIngress.UnknownDevices,
            _ => PipelineIngress.None,
        };
        services.AddTelemetryPipeline(configuration, ingress, runProcessor);

        if (mqtt.Mode == MqttMode.BuiltIn)
        {
            services.AddSingleton<BuiltInBroker>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<BuiltInBroker>());
        }
        else if (mqtt.Mode == MqttMode.External)
        {
            services.AddOptions<ExternalBrokerOptions>().Bind(configuration.GetSection(ExternalBrokerOptions.Section)).ValidatedOnStart(o => o.Validate());
            services.AddSingleton<ExternalTenantDirectory>();
            services.AddSingleton<ExternalBrokerIngestion>();
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerIngestion>());
        }
        return services;
    }
}

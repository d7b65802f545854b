using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// MQTT to database. <c>Queue:Kind=InProcess</c> (embedded default): devices are acknowledged after the database
    /// commit, no processor needed. <c>Queue:Kind=ServiceBus</c>: devices are acknowledged once queued, and a
    /// processor (if <paramref name="runProcessor"/>) consumes the queue. <c>Mqtt:Mode=BuiltIn</c> hosts the broker;
    /// <c>Mqtt:Mode=External</c> runs <see cref="ExternalBrokerIngestion"/>, subscribed to an external broker.
    /// </summary>
    public static IServiceCollection AddTelemetryPipeline(this IServiceCollection services, IConfiguration configuration, bool runProcessor)
    {
        var mqtt = configuration.GetSection(BuiltInBrokerOptions.Section).Get<BuiltInBrokerOptions>() ?? new BuiltInBrokerOptions();
        services.Configure<BuiltInBrokerOptions>(configuration.GetSection(BuiltInBrokerOptions.Section));
        var queue = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();

        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidatedOnStart(o => o.Validate());
        services.TryAddSingleton<DeviceAuthenticator>();
        services.AddSingleton<MachineDirectory>();
        services.AddSingleton<RefusalRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalRecorder>());
        services.AddSingleton<ITelemetryIngress, TelemetryIngress>();

        if (queue.Kind == QueueKind.ServiceBus)
        {
            services.AddTelemetryQueue(configuration);
            services.AddSingleton<QueueSink>();
            AddSink<QueueSink>(services, mqtt.Mode);
            if (runProcessor)
            {
                services.AddSingleton<TelemetryProcessor>();
                services.AddHostedService(sp => sp.GetRequiredService<TelemetryProcessor>());
            }
        }
        else
        {
            services.AddSingleton<DatabaseSink>();
            AddSink<DatabaseSink>(services, mqtt.Mode);
        }

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

    /// <summary>Behind an external broker the publishing device is unknown: messages are keyed by machine instead.</summary>
    private static void AddSink<TSink>(IServiceCollection services, MqttMode mode) where TSink : class, IAcceptedTelemetrySink =>
        services.AddSingleton<IAcceptedTelemetrySink>(sp => mode == MqttMode.External
            ? new ExternalDedupKeySink(sp.GetRequiredService<TSink>())
            : sp.GetRequiredService<TSink>());
}

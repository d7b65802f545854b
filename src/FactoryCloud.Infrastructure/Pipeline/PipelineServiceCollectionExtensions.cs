using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// MQTT to database. <c>Queue:Kind=Inbox</c> (embedded default; <c>InProcess</c>, its name before the inbox, means
    /// the same): devices are acknowledged once the message is committed to the local <see cref="TelemetryInbox"/>,
    /// and an <see cref="InboxProcessor"/> in this process stores it. <c>Queue:Kind=ServiceBus</c> (the SDK) or <c>Amqp</c> (RabbitMQ): devices are acknowledged once queued, and a
    /// processor (if <paramref name="runProcessor"/>) consumes the queue. <c>Mqtt:Mode=BuiltIn</c> hosts the broker;
    /// <c>Mqtt:Mode=External</c> runs <see cref="ExternalBrokerIngestion"/>, subscribed to an external broker.
    /// </summary>
    public static IServiceCollection AddTelemetryPipeline(this IServiceCollection services, IConfiguration configuration, bool runProcessor)
    {
        var mqtt = configuration.GetSection(BuiltInBrokerOptions.Section).Get<BuiltInBrokerOptions>() ?? new BuiltInBrokerOptions();
        services.AddOptions<BuiltInBrokerOptions>().Bind(configuration.GetSection(BuiltInBrokerOptions.Section)).ValidatedOnStart(o => o.Validate());
        var queue = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();

        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidatedOnStart(o => o.Validate());
        services.TryAddSingleton<DeviceAuthenticator>();
        services.TryAddSingleton<DeviceCredentialChanges>();
        var ingests = mqtt.Mode != MqttMode.None;
        if (ingests)
        {
            services.AddSingleton<MachineDirectory>();
            services.AddSingleton<RefusalRecorder>();
            services.AddHostedService(sp => sp.GetRequiredService<RefusalRecorder>());
            services.AddSingleton<ITelemetryIngress, TelemetryIngress>();
        }

        if (queue.Kind.IsBroker())
        {
            services.AddTelemetryQueue(configuration);
            if (ingests)
            {
                services.AddSingleton<QueueSink>();
                AddSink<QueueSink>(services, mqtt.Mode);
            }
            if (runProcessor)
            {
                services.AddSingleton<TelemetryProcessor>();
                services.AddHostedService(sp => sp.GetRequiredService<TelemetryProcessor>());
            }
        }
        else if (ingests)
        {
            // The embedded default: without MQTT in this process there is nothing to put into an inbox.
            services.AddSingleton(sp => ResolveInbox(configuration, sp));
            services.AddSingleton<TelemetryInbox>();
            AddSink<TelemetryInbox>(services, mqtt.Mode);
            services.AddHostedService<InboxProcessor>();
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

    /// <summary>The inbox file defaults to sitting beside the SQLite database, so a test's or a tenant's copy of it goes along.</summary>
    private static InboxOptions ResolveInbox(IConfiguration configuration, IServiceProvider services)
    {
        var options = configuration.GetSection(InboxOptions.Section).Get<InboxOptions>() ?? new InboxOptions();
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var database = services.GetRequiredService<DatabaseOptions>();
        if (!string.IsNullOrWhiteSpace(options.Path))
            options.Path = Path.Combine(contentRoot, options.Path);
        else if (database.Provider == DatabaseProvider.Sqlite
                 && new SqliteConnectionStringBuilder(database.ConnectionString).DataSource is { Length: > 0 } file && file != ":memory:")
            options.Path = Path.ChangeExtension(file, ".inbox.db");
        else
            options.Path = Path.Combine(contentRoot, "App_Data", "inbox.db");
        return options;
    }

    /// <summary>Behind an external broker the publishing device is unknown: messages are keyed by machine instead.</summary>
    private static void AddSink<TSink>(IServiceCollection services, MqttMode mode) where TSink : class, IAcceptedTelemetrySink =>
        services.AddSingleton<IAcceptedTelemetrySink>(sp => mode == MqttMode.External
            ? new ExternalDedupKeySink(sp.GetRequiredService<TSink>())
            : sp.GetRequiredService<TSink>());
}

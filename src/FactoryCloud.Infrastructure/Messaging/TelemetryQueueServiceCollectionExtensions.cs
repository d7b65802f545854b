using Azure.Core;
using Azure.Messaging.ServiceBus;
using FactoryCloud.Infrastructure.Messaging.Amqp;
using FactoryCloud.Infrastructure.Messaging.InProcess;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Infrastructure.Messaging;

public static class TelemetryQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITelemetryQueueSender"/> and <see cref="ITelemetryQueueReceiver"/> (singletons, disposed
    /// with the container) for the <c>Queue</c> section: <see cref="InProcessTelemetryQueue"/> (both interfaces on one
    /// instance, also resolvable as itself); for <c>ServiceBus</c> the SDK's sender and session processor on one
    /// <see cref="ServiceBusClient"/> (a registered <see cref="TokenCredential"/> wins over DefaultAzureCredential);
    /// for <c>Amqp</c> the AMQPNetLite sender and receiver. Connections open on first use.
    /// </summary>
    public static IServiceCollection AddTelemetryQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        switch (options.Kind)
        {
            case QueueKind.ServiceBus:
                services.AddSingleton(sp => ServiceBusClientFactory.Create(options.ServiceBus, sp.GetService<TokenCredential>()));
                services.AddSingleton<ITelemetryQueueSender>(sp => new ServiceBusTelemetryQueueSender(sp.GetRequiredService<ServiceBusClient>(), options));
                services.AddSingleton<ITelemetryQueueReceiver>(sp => new ServiceBusTelemetryQueueReceiver(
                    sp.GetRequiredService<ServiceBusClient>(), options, sp.GetService<ILogger<ServiceBusTelemetryQueueReceiver>>()));
                break;
            case QueueKind.Amqp:
                services.AddSingleton<ITelemetryQueueSender>(sp => new AmqpTelemetryQueueSender(
                    options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<AmqpTelemetryQueueSender>>()));
                services.AddSingleton<ITelemetryQueueReceiver>(sp => new AmqpTelemetryQueueReceiver(
                    options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<AmqpTelemetryQueueReceiver>>()));
                break;
            default:
                services.AddSingleton(sp => new InProcessTelemetryQueue(options, sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<ITelemetryQueueSender>(sp => sp.GetRequiredService<InProcessTelemetryQueue>());
                services.AddSingleton<ITelemetryQueueReceiver>(sp => sp.GetRequiredService<InProcessTelemetryQueue>());
                break;
        }

        return services;
    }
}

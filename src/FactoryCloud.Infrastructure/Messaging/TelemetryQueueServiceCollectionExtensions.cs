using Azure.Core;
using Azure.Identity;
using FactoryCloud.Infrastructure.Messaging.InProcess;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Messaging;

public static class TelemetryQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITelemetryQueueSender"/> and <see cref="ITelemetryQueueReceiver"/> (singletons, disposed
    /// with the container) for the <c>Queue</c> section: <see cref="InProcessTelemetryQueue"/> (both interfaces on one
    /// instance, also resolvable as itself) or the AMQP sender and receiver, which connect on first use and use a
    /// registered <see cref="IAmqpTokenProvider"/> for CBS if there is one.
    /// </summary>
    public static IServiceCollection AddTelemetryQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        if (options.Kind is QueueKind.InProcess or QueueKind.Inbox)
        {
            services.AddSingleton(sp => new InProcessTelemetryQueue(options, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<ITelemetryQueueSender>(sp => sp.GetRequiredService<InProcessTelemetryQueue>());
            services.AddSingleton<ITelemetryQueueReceiver>(sp => sp.GetRequiredService<InProcessTelemetryQueue>());
            return services;
        }

        if (options.ServiceBus.Auth == ServiceBusAuth.ManagedIdentity)
        {
            // A registered TokenCredential (tests) wins; in production DefaultAzureCredential finds the managed
            // identity (AZURE_CLIENT_ID names which one when there are several).
            services.TryAddSingleton<IAmqpTokenProvider>(sp =>
                new TokenCredentialAmqpTokenProvider(sp.GetService<TokenCredential>() ?? new DefaultAzureCredential()));
        }

        services.AddSingleton<ITelemetryQueueSender>(sp => new ServiceBusTelemetryQueueSender(
            options, sp.GetService<IAmqpTokenProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<ServiceBusTelemetryQueueSender>>()));
        services.AddSingleton<ITelemetryQueueReceiver>(sp => new ServiceBusTelemetryQueueReceiver(
            options, sp.GetService<IAmqpTokenProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<ServiceBusTelemetryQueueReceiver>>()));
        return services;
    }
}

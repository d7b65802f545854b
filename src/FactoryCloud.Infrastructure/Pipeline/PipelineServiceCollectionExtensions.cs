using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Accepted messages to the database. <c>Queue:Kind=Inbox</c> (embedded default; <c>InProcess</c>, its name before
    /// the inbox, means the same): a message is durable once committed to the local <see cref="TelemetryInbox"/>, and an
    /// <see cref="InboxProcessor"/> in this process stores it. <c>Queue:Kind=ServiceBus</c> (the SDK) or <c>Amqp</c>
    /// (RabbitMQ): a message is durable once queued, and a processor (if <paramref name="runProcessor"/>) consumes the
    /// queue. Brokers hand messages to the <see cref="ITelemetryIngress"/> registered here when <paramref name="ingress"/>
    /// is not <see cref="PipelineIngress.None"/>; the pipeline knows nothing of the brokers.
    /// </summary>
    public static IServiceCollection AddTelemetryPipeline(this IServiceCollection services, IConfiguration configuration, PipelineIngress ingress, bool runProcessor)
    {
        var queue = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidatedOnStart(o => o.Validate());
        var ingests = ingress != PipelineIngress.None;
        if (ingests)
        {
            services.AddSingleton<MachineDirectory>();
            services.AddSingleton<RefusalRecorder>();
            services.AddHostedService(sp => sp.GetRequiredService<RefusalRecorder>());
            services.AddSingleton<ITelemetryIngress, TelemetryIngress>();
            services.AddTelemetryQuotas(configuration, refresh: true);
        }

        if (queue.Kind.IsBroker())
        {
            services.AddTelemetryQueue(configuration);
            if (ingests)
            {
                services.AddSingleton<QueueSink>();
                AddSink<QueueSink>(services, ingress);
            }
            if (runProcessor)
            {
                services.AddSingleton<TelemetryProcessor>();
                services.AddHostedService(sp => sp.GetRequiredService<TelemetryProcessor>());
            }
        }
        else if (ingests)
        {
            // The embedded default: without ingress in this process there is nothing to put into an inbox.
            services.AddSingleton(sp => ResolveInbox(configuration, sp));
            services.AddSingleton<TelemetryInbox>();
            AddSink<TelemetryInbox>(services, ingress);
            services.AddHostedService<InboxProcessor>();
        }
        return services;
    }

    /// <summary>The per-message quota check (<see cref="Quotas.MessageQuota"/>) and, where messages come in (<paramref name="refresh"/>), its background refresh.</summary>
    public static IServiceCollection AddTelemetryQuotas(this IServiceCollection services, IConfiguration configuration, bool refresh)
    {
        services.AddOptions<Quotas.QuotaOptions>().Bind(configuration.GetSection(Quotas.QuotaOptions.Section));
        services.TryAddSingleton<Quotas.QuotaUsageReader>();
        services.TryAddSingleton<Quotas.MessageQuota>();
        if (!refresh || services.Any(s => s.ServiceType == typeof(Quotas.MessageQuotaRefresher))) return services;
        services.AddSingleton<Quotas.MessageQuotaRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Quotas.MessageQuotaRefresher>());
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
        else if (database.SqliteFile is { } file)
            options.Path = Path.ChangeExtension(file, ".inbox.db");
        else
            options.Path = Path.Combine(contentRoot, "App_Data", "inbox.db");
        return options;
    }

    /// <summary>When the publishing device is unknown (behind an external broker), messages are keyed by machine instead.</summary>
    private static void AddSink<TSink>(IServiceCollection services, PipelineIngress ingress) where TSink : class, IAcceptedTelemetrySink =>
        services.AddSingleton<IAcceptedTelemetrySink>(sp => ingress == PipelineIngress.UnknownDevices
            ? new ExternalDedupKeySink(sp.GetRequiredService<TSink>())
            : sp.GetRequiredService<TSink>());
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Infrastructure.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Alert notices by email and webhook: the webhook client (no redirects, public addresses only unless allowed) and
    /// the outbox worker. Register it in the web app; any process that changes alerts only writes the outbox.
    /// </summary>
    public static IServiceCollection AddAlertNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Configure<IConfiguration>((o, configuration) => o.PublicBaseUrl ??= configuration["App:PublicBaseUrl"]);
        services.AddHttpClient(WebhookSender.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Webhooks.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Webhooks.AllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectCallback = (context, ct) => PublicAddressGuard.ConnectAsync(context, allowPrivate, ct),
                };
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Alerts.AlertNotifications>();
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService<NotificationWorker>();
        services.AddSingleton<NotificationDigest>();
        services.AddHostedService<NotificationDigestWorker>();
        return services;
    }
}

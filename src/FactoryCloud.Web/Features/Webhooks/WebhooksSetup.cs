using FactoryCloud.Infrastructure.Notifications;

namespace FactoryCloud.Web.Features.Webhooks;

public static class WebhooksSetup
{
    /// <summary>The webhook settings and the notification outbox worker that sends alert notices by email and webhook.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddAlertNotifications();
        services.AddScoped<WebhookService>();
        return services;
    }
}

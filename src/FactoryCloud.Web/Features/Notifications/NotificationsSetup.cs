using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Web.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>The notification centre (bell, page, preferences, watches). The staging and the digest job come with <c>AddAlertNotifications</c>.</summary>
    public static IServiceCollection AddNotificationCentre(this IServiceCollection services)
    {
        services.TryAddScoped<NotificationCentreService>();
        return services;
    }
}

namespace FactoryCloud.Domain.Notifications;

/// <summary>
/// Where a rule's notices go. <see cref="InApp"/> is the bell and the alert list, which every member of the
/// organisation sees; <see cref="Email"/> goes to each recipient; <see cref="Webhook"/> to every enabled webhook of
/// the organisation.
/// </summary>
public enum NotificationChannel
{
    InApp,
    Email,
    Webhook,
}

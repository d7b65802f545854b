namespace FactoryCloud.Domain.Notifications;

/// <summary>
/// The fields of an alert rule's notification settings, said once: the stored <see cref="AlertNotificationPolicy"/> and
/// the rule request that edits it (where they stand flat beside the rule's other fields) both have them.
/// </summary>
public abstract class AlertNotificationSettings
{
    /// <summary>In-app (the bell), email, webhook.</summary>
    public List<NotificationChannel> Channels { get; set; } = [NotificationChannel.InApp];

    /// <summary>Who is told: <c>role:PlantManager</c>, <c>member:&lt;user id&gt;</c>, <c>team:&lt;team id&gt;</c> (<see cref="AlertRecipient"/>).</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Told when an alert is still not acknowledged <see cref="EscalateAfterMinutes"/> after it was first told.</summary>
    public List<string> EscalationRecipients { get; set; } = [];

    public int? EscalateAfterMinutes { get; set; }

    /// <summary>Tell the recipients again every M minutes while the alert stays open (not acknowledged).</summary>
    public int? RepeatEveryMinutes { get; set; }

    /// <summary>Outside the site's shifts nothing is sent: a raise is told when the next shift starts, if still open.</summary>
    public bool QuietOutsideShifts { get; set; }

    /// <summary>Whether anything beyond the bell is sent at all.</summary>
    public bool SendsAnything => Channels.Contains(NotificationChannel.Email) || Channels.Contains(NotificationChannel.Webhook);
}

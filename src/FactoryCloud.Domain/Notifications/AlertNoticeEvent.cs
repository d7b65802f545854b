namespace FactoryCloud.Domain.Notifications;

/// <summary>What a notice tells. The webhook's event name is <c>alert.</c> and the name in lower case.</summary>
public enum AlertNoticeEvent
{
    Raised,
    Acknowledged,
    Closed,
    Cleared,
    Escalated,
    Repeated,
    Test,
}

public static class AlertNoticeEvents
{
    public static string Name(AlertNoticeEvent e) => "alert." + e.ToString().ToLowerInvariant();
}

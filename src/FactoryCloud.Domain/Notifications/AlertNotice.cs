using FactoryCloud.Domain.Alerts;

namespace FactoryCloud.Domain.Notifications;

/// <summary>What one notice says, fixed when the event was expanded; every channel's format is made from it.</summary>
public sealed record AlertNotice(
    AlertNoticeEvent Event, DateTimeOffset At, Guid AlertId, string RuleName, AlertSeverity Severity, Guid MachineId, string MachineName,
    string Detail, AlertStatus Status, DateTimeOffset RaisedAt, string? By, string Link, string Organisation)
{
    public string EventName => AlertNoticeEvents.Name(Event);

    /// <summary>"[Critical] Press down on Press 1: raised", the subject and title.</summary>
    public string Title => $"[{Severity}] {RuleName} on {MachineName}: {Verb}";

    public string Verb => Event switch
    {
        AlertNoticeEvent.Raised => "raised",
        AlertNoticeEvent.Acknowledged => $"acknowledged{ByText}",
        AlertNoticeEvent.Closed => $"closed{ByText}",
        AlertNoticeEvent.Cleared => "cleared (the condition ended)",
        AlertNoticeEvent.Escalated => "not acknowledged, escalated",
        AlertNoticeEvent.Repeated => "still open",
        _ => "test notice",
    };

    private string ByText => By is null ? "" : $" by {By}";

    /// <summary>The text body of an email and of the chat formats.</summary>
    public string Text =>
        $"""
        {Title}
        {Detail}
        Raised {RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · status {Status} · {Organisation}
        Dashboard at the alert's time: {Link}
        """;
}

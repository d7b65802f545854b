namespace FactoryCloud.Domain.Notifications;

/// <summary>
/// Who is told of a rule's alerts, how, and when again. Stored with the rule as one JSON value. Recipients are
/// <see cref="AlertRecipient"/> texts. Raise, acknowledge, close and clear are told to <see cref="Recipients"/>
/// (and, once escalated, to <see cref="EscalationRecipients"/> too).
/// </summary>
public sealed class AlertNotificationPolicy : AlertNotificationSettings
{
    public const int MinMinutes = 1;
    public const int MaxMinutes = 1440;
    public const int MaxRecipients = 50;

    /// <summary>Field errors (field name, message) of a policy; empty when valid.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(
        IReadOnlyCollection<NotificationChannel> channels, IReadOnlyCollection<string> recipients, IReadOnlyCollection<string> escalation,
        int? escalateAfter, int? repeatEvery)
    {
        var errors = new List<(string, string)>();
        if (channels.Any(c => !Enum.IsDefined(c))) errors.Add(("Channels", "Choose in-app, email or webhook."));
        if (recipients.Count > MaxRecipients) errors.Add(("Recipients", $"Name at most {MaxRecipients} recipients."));
        if (recipients.Any(r => AlertRecipient.Parse(r) is null)) errors.Add(("Recipients", "Each recipient is role:Name, member:id or team:id."));
        if (channels.Contains(NotificationChannel.Email) && recipients.Count == 0)
            errors.Add(("Recipients", "Choose who gets the email: a role, a member or a team."));
        if (escalation.Count > MaxRecipients) errors.Add(("EscalationRecipients", $"Name at most {MaxRecipients} recipients."));
        if (escalation.Any(r => AlertRecipient.Parse(r) is null)) errors.Add(("EscalationRecipients", "Each recipient is role:Name, member:id or team:id."));
        if (escalateAfter is { } e && e is < MinMinutes or > MaxMinutes)
            errors.Add(("EscalateAfterMinutes", $"Enter between {MinMinutes} and {MaxMinutes} minutes, or leave it empty."));
        if (escalateAfter is not null && escalation.Count == 0)
            errors.Add(("EscalationRecipients", "Choose who is told when nobody acknowledges in time."));
        if (escalateAfter is null && escalation.Count > 0)
            errors.Add(("EscalateAfterMinutes", "Enter after how many minutes without acknowledgement to escalate."));
        if (repeatEvery is { } r && r is < MinMinutes or > MaxMinutes)
            errors.Add(("RepeatEveryMinutes", $"Enter between {MinMinutes} and {MaxMinutes} minutes, or leave it empty."));
        if ((escalateAfter is not null || repeatEvery is not null) && !channels.Any(c => c is NotificationChannel.Email or NotificationChannel.Webhook))
            errors.Add(("Channels", "Escalation and repeats are sent by email or webhook: choose one."));
        return errors;
    }
}

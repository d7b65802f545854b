using System.Globalization;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>How rules read in the UI and the API: "Down for at least 10 min", "OEE below 65 % over 60 min".</summary>
public static class AlertRuleText
{
    public static string Kind(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.MachineDown => "Machine down",
        AlertRuleKind.OeeBelow => "OEE below",
        AlertRuleKind.MeasureAbove => "Measurement above",
        AlertRuleKind.MeasureBelow => "Measurement below",
        _ => "No data",
    };

    public static string Condition(AlertRuleKind kind, int minutes, double? threshold, string? measure) => kind switch
    {
        AlertRuleKind.MachineDown => Invariant($"Down for at least {minutes} min"),
        AlertRuleKind.OeeBelow => Invariant($"OEE below {threshold:0.##} % over {minutes} min"),
        AlertRuleKind.MeasureAbove => Invariant($"{measure} above {threshold:0.###} for {minutes} min"),
        AlertRuleKind.MeasureBelow => Invariant($"{measure} below {threshold:0.###} for {minutes} min"),
        _ => Invariant($"No data for {minutes} min"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How a rule's notification policy reads: "Email and webhook to Plant managers; escalates to Owners after 15 min unacknowledged; quiet outside shifts".</summary>
public static class AlertPolicyText
{
    public static string Role(TenantRole role) => role switch
    {
        TenantRole.Owner => "Owners",
        TenantRole.Admin => "Admins",
        TenantRole.PlantManager => "Plant managers",
        TenantRole.TeamMember => "Team members",
        _ => "Viewers",
    };

    public static string Channel(NotificationChannel channel) => channel switch
    {
        NotificationChannel.InApp => "In-app",
        NotificationChannel.Email => "Email",
        _ => "Webhook",
    };

    /// <param name="names">Names of the recipients by their value (<c>member:id</c>, <c>team:id</c>); unknown ones read "(removed)".</param>
    public static string Describe(AlertNotificationPolicy policy, IReadOnlyDictionary<string, string> names)
    {
        var sent = policy.Channels.Where(c => c != NotificationChannel.InApp).Select(c => Channel(c).ToLowerInvariant()).ToList();
        if (sent.Count == 0) return "In-app only (the bell)";
        var parts = new List<string>
        {
            Capitalise(string.Join(" and ", sent)) + (policy.Recipients.Count > 0 ? $" to {Names(policy.Recipients, names, "")}" : "") +
            (policy.Channels.Contains(NotificationChannel.InApp) ? ", and in-app" : ""),
        };
        if (policy.EscalateAfterMinutes is { } after)
            parts.Add(Invariant($"escalates to {Names(policy.EscalationRecipients, names, "nobody")} after {after} min unacknowledged"));
        if (policy.RepeatEveryMinutes is { } repeat) parts.Add(Invariant($"repeats every {repeat} min while open"));
        if (policy.QuietOutsideShifts) parts.Add("quiet outside shifts (held until the next shift)");
        return string.Join("; ", parts);
    }

    public static string Severity(AlertSeverity severity) => severity.ToString();

    private static string Names(IEnumerable<string> recipients, IReadOnlyDictionary<string, string> names, string none)
    {
        var list = recipients.Select(r => AlertRecipient.Parse(r) is { Kind: AlertRecipientKind.Role, Role: { } role } ? Role(role) : names.GetValueOrDefault(r, "(removed)")).ToList();
        return list.Count == 0 ? none : string.Join(", ", list);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

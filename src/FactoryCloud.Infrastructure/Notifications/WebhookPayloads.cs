using System.Text.Json;
using System.Text.Json.Nodes;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// The body of a webhook delivery in the webhook's format: FactoryCloud's generic JSON, a Microsoft Teams incoming
/// webhook's MessageCard (title, text, colour, an "Open the dashboard" button), or a Slack incoming webhook's
/// <c>text</c> with <c>blocks</c> (mrkdwn, escaped).
/// </summary>
public static class WebhookPayloads
{
    public static string Body(AlertNotice notice, WebhookFormat format) => (format switch
    {
        WebhookFormat.MicrosoftTeams => Teams(notice),
        WebhookFormat.Slack => Slack(notice),
        _ => Generic(notice),
    }).ToJsonString(JsonSerializerOptions.Web);

    private static JsonObject Generic(AlertNotice n) => new()
    {
        ["event"] = n.EventName,
        ["at"] = n.At,
        ["organisation"] = n.Organisation,
        ["title"] = n.Title,
        ["link"] = n.Link,
        ["alert"] = new JsonObject
        {
            ["id"] = n.AlertId,
            ["rule"] = n.RuleName,
            ["severity"] = n.Severity.ToString(),
            ["machineId"] = n.MachineId,
            ["machine"] = n.MachineName,
            ["detail"] = n.Detail,
            ["status"] = n.Status.ToString(),
            ["raisedAt"] = n.RaisedAt,
            ["by"] = n.By,
        },
    };

    private static JsonObject Teams(AlertNotice n) => new()
    {
        ["@type"] = "MessageCard",
        ["@context"] = "https://schema.org/extensions",
        ["summary"] = n.Title,
        ["themeColor"] = Colour(n.Severity),
        ["title"] = n.Title,
        ["text"] = $"{n.Detail}<br>Raised {n.RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · status {n.Status} · {n.Organisation}",
        ["potentialAction"] = new JsonArray(new JsonObject
        {
            ["@type"] = "OpenUri",
            ["name"] = "Open the dashboard",
            ["targets"] = new JsonArray(new JsonObject { ["os"] = "default", ["uri"] = n.Link }),
        }),
    };

    private static JsonObject Slack(AlertNotice n) => new()
    {
        ["text"] = $"{n.Title}: {n.Detail}",
        ["blocks"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(n.Title)}*\n{Escape(n.Detail)}" },
            },
            new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "mrkdwn",
                    ["text"] = $"Raised {n.RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · {Escape(n.Organisation)} · <{n.Link}|Open the dashboard>",
                }),
            }),
    };

    /// <summary>Slack's mrkdwn control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Colour(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "D13438",
        AlertSeverity.Major => "E97500",
        AlertSeverity.Minor => "FFB900",
        _ => "0078D4",
    };
}

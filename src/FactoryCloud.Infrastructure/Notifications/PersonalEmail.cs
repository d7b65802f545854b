using System.Text.Json;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>A personal notice or digest as an outbox payload: subject, text, and the relative link made absolute when sent.</summary>
public sealed record PersonalEmail(string Subject, string Text, string Link)
{
    public string Serialize() => JsonSerializer.Serialize(this, NoticeJson.Options);

    public static PersonalEmail? Deserialize(string json)
    {
        try { return JsonSerializer.Deserialize<PersonalEmail>(json, NoticeJson.Options); }
        catch (JsonException) { return null; }
    }

    public string Body(NotificationOptions options) => $"{Text}\n\nOpen in FactoryCloud: {options.Link(Link)}\n\nChoose what you are told at {options.Link("/account/notifications")}.";

    public static NotificationOutboxEntry Entry(Guid tenantId, string email, PersonalEmail message, DateTimeOffset now) => new()
    {
        TenantId = tenantId, Kind = OutboxKind.PersonalEmail, Target = email, Payload = message.Serialize(), CreatedAt = now, DueAt = now,
    };
}

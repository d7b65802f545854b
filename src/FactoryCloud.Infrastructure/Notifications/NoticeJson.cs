using System.Text.Json;
using System.Text.Json.Serialization;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>How a notice is kept in the outbox: web JSON, enums by name.</summary>
internal static class NoticeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(AlertNotice notice) => JsonSerializer.Serialize(notice, Options);

    public static AlertNotice? Deserialize(string json) => JsonSerializer.Deserialize<AlertNotice>(json, Options);
}

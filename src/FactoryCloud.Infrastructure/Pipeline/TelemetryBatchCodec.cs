using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>The queue message body: one machine's accepted messages as a JSON array.</summary>
public static class TelemetryBatchCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Encode(IReadOnlyList<AcceptedTelemetry> batch) => JsonSerializer.SerializeToUtf8Bytes(batch, Options);

    public static IReadOnlyList<AcceptedTelemetry> Decode(ReadOnlyMemory<byte> body) =>
        JsonSerializer.Deserialize<List<AcceptedTelemetry>>(body.Span, Options) ?? throw new JsonException("The body is not a batch.");

    /// <summary>Same messages, same id: Service Bus duplicate detection drops a batch the worker sent twice.</summary>
    public static string MessageId(IReadOnlyList<AcceptedTelemetry> batch)
    {
        var keys = string.Join('\n', batch.Select(m => m.DedupKey));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys)))[..32];
    }
}

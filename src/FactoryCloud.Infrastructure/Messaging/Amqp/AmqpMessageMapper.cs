using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>Maps queue messages to AMQP messages and back: message-id, group-id = the machine id, a data section.</summary>
internal static class AmqpMessageMapper
{
    public static readonly Symbol PartitionKeyAnnotation = new("x-opt-partition-key");
    public const string DeadLetterReasonProperty = "DeadLetterReason";
    public const string DeadLetterErrorDescriptionProperty = "DeadLetterErrorDescription";
    private const string DeliveryCountHeader = "x-delivery-count";

    public static Message ToAmqp(QueueMessage message) => new()
    {
        Header = new Header { Durable = true },
        Properties = new Properties
        {
            MessageId = message.MessageId,
            GroupId = message.PartitionKey,
            ContentType = message.ContentType,
        },
        MessageAnnotations = new MessageAnnotations { [PartitionKeyAnnotation] = message.PartitionKey },
        BodySection = new Data { Binary = ToArray(message.Body) },
    };

    public static string MessageIdOf(Message message) =>
        Convert.ToString(message.Properties?.GetMessageId(), CultureInfo.InvariantCulture) ?? string.Empty;

    public static string PartitionKeyOf(Message message) =>
        message.Properties?.GroupId
        ?? (message.MessageAnnotations?.Map.TryGetValue(PartitionKeyAnnotation, out var key) == true ? key as string : null)
        ?? string.Empty;

    public static string ContentTypeOf(Message message) => message.Properties?.ContentType is { } contentType ? (string)contentType : "application/octet-stream";

    public static bool TryGetBody(Message message, out ReadOnlyMemory<byte> body)
    {
        switch (message.Body)
        {
            case byte[] bytes:
                body = bytes;
                return true;
            case string text:
                body = Encoding.UTF8.GetBytes(text);
                return true;
            default:
                body = default;
                return false;
        }
    }

    /// <summary>
    /// The delivery count as the broker reports it, 1-based: the AMQP header counts earlier failed deliveries;
    /// RabbitMQ quorum queues report theirs as <c>x-delivery-count</c>.
    /// </summary>
    public static int BrokerDeliveryCountOf(Message message)
    {
        var headerCount = message.Header is { } header ? (long)header.DeliveryCount : 0;
        var rabbitCount = ReadCount(message.MessageAnnotations?.Map, new Symbol(DeliveryCountHeader))
            ?? ReadCount(message.ApplicationProperties?.Map, DeliveryCountHeader)
            ?? 0;
        return (int)Math.Min(int.MaxValue, Math.Max(headerCount, rabbitCount) + 1);
    }

    /// <summary>RabbitMQ flags the first delivery of a message with first-acquirer; redeliveries carry false.</summary>
    public static bool IsFirstAcquirer(Message message) => message.Header?.FirstAcquirer == true;

    private static long? ReadCount(Map? map, object key) =>
        map is not null && map.TryGetValue(key, out var value) && value is IConvertible convertible
            ? convertible.ToInt64(CultureInfo.InvariantCulture)
            : null;

    private static byte[] ToArray(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : body.ToArray();
}

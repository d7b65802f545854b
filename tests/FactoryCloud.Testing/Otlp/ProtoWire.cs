using System.Buffers.Binary;
using System.Text;

namespace FactoryCloud.Testing.Otlp;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP requests (no generated classes: the OTLP proto package is
/// not served here). A message is a list of fields; a length-delimited field is a nested message, a string or bytes.
/// </summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Scalar, ReadOnlyMemory<byte> Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    public IReadOnlyList<ProtoField> Message => ProtoWire.Read(Bytes);

    /// <summary>A <c>fixed64</c> / <c>sfixed64</c> field as a signed integer.</summary>
    public long Fixed64 => unchecked((long)Scalar);

    public double Double => BitConverter.Int64BitsToDouble(unchecked((long)Scalar));
}

internal static class ProtoWire
{
    public static IReadOnlyList<ProtoField> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add(new ProtoField(number, wireType, Varint(span, ref at), default));
                    break;
                case 1:
                    fields.Add(new ProtoField(number, wireType, BinaryPrimitives.ReadUInt64LittleEndian(span[at..]), default));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    fields.Add(new ProtoField(number, wireType, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    fields.Add(new ProtoField(number, wireType, BinaryPrimitives.ReadUInt32LittleEndian(span[at..]), default));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"Protobuf wire type {wireType} (field {number}) is not expected in OTLP.");
            }
        }
        return fields;
    }

    public static IEnumerable<ProtoField> All(this IReadOnlyList<ProtoField> fields, int number) => fields.Where(f => f.Number == number);

    public static ProtoField? One(this IReadOnlyList<ProtoField> fields, int number) =>
        fields.LastOrDefault(f => f.Number == number) is { Number: > 0 } found ? found : null;

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}

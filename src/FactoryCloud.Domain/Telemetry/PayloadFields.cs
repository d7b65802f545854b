using System.Text.Json;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// Where each known top-level field of a structurally valid payload starts. Matching is exact and case-sensitive on the
/// unescaped name; unknown fields are skipped (forward compatibility); a field whose value is null counts as absent.
/// </summary>
internal readonly ref struct PayloadFields
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = JsonStructureCheck.MaxDepth };

    private readonly ReadOnlySpan<byte> _payload;
    private readonly Span<int> _starts;

    private PayloadFields(ReadOnlySpan<byte> payload, Span<int> starts)
    {
        _payload = payload;
        _starts = starts;
    }

    /// <param name="names">The field names to find; slot i of the result is names[i].</param>
    /// <param name="starts">At least <c>names.Length</c> slots, overwritten.</param>
    public static PayloadFields Locate(ReadOnlySpan<byte> payload, byte[][] names, Span<int> starts)
    {
        starts.Fill(-1);
        var reader = new Utf8JsonReader(payload, Options);
        reader.Read(); // the top-level StartObject, guaranteed by JsonStructureCheck
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i]))
                {
                    slot = i;
                    break;
                }
            }
            reader.Read();
            if (slot >= 0 && reader.TokenType != JsonTokenType.Null) starts[slot] = (int)reader.TokenStartIndex;
            reader.Skip();
        }
        return new PayloadFields(payload, starts);
    }

    public bool IsPresent(int slot) => _starts[slot] >= 0;

    /// <summary>A reader positioned on the field's value. Only read the value itself (for an object, up to its end).</summary>
    public Utf8JsonReader ReaderAt(int slot)
    {
        var reader = new Utf8JsonReader(_payload[_starts[slot]..], Options);
        reader.Read();
        return reader;
    }
}

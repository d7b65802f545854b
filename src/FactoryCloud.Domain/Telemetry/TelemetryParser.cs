using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// Validates and parses telemetry payloads (docs/telemetry-contract.md). Pure, thread-safe, never throws on device input.
/// Checks run in a fixed order, so a payload with several faults always gets the same reason: size, UTF-8, JSON syntax,
/// top-level object, duplicate names, then fields in contract order (ts, seq, then the channel's fields).
/// </summary>
public static class TelemetryParser
{
    private const int Ts = 0;
    private const int Seq = 1;
    private const int First = 2; // first channel-specific slot

    private static readonly byte[][] StateFields = ["ts"u8.ToArray(), "seq"u8.ToArray(), "state"u8.ToArray(), "reason"u8.ToArray()];
    private static readonly byte[][] CountFields = ["ts"u8.ToArray(), "seq"u8.ToArray(), "good"u8.ToArray(), "scrap"u8.ToArray(), "product"u8.ToArray()];
    private static readonly byte[][] MeasureFields = ["ts"u8.ToArray(), "seq"u8.ToArray(), "values"u8.ToArray()];

    private static readonly SearchValues<char> MeasureNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");
    private static readonly string[] NonFiniteTexts = ["nan", "-nan", "infinity", "-infinity", "+infinity", "inf", "-inf", "+inf"];

    /// <param name="channel">From the topic (<see cref="TelemetryTopic.Channel"/>).</param>
    /// <param name="payload">The MQTT payload bytes, exactly as received.</param>
    /// <param name="now">The server clock, for the ts window (5 minutes ahead, 7 days behind).</param>
    public static TelemetryParseResult Parse(TelemetryChannel channel, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var fieldNames = channel switch
        {
            TelemetryChannel.State => StateFields,
            TelemetryChannel.Count => CountFields,
            TelemetryChannel.Measure => MeasureFields,
            _ => null,
        };
        if (fieldNames is null) return TelemetryParseResult.Refused(RefusalReason.UnknownChannel, "channel must be state, count or measure");
        if (payload.Length > TelemetryContract.MaxPayloadBytes)
        {
            return TelemetryParseResult.Refused(RefusalReason.PayloadTooLarge, $"payload is {payload.Length} bytes; at most {TelemetryContract.MaxPayloadBytes} are accepted");
        }
        if (!Utf8.IsValid(payload))
        {
            return TelemetryParseResult.Refused(RefusalReason.InvalidUtf8, $"invalid UTF-8 at byte {InvalidUtf8Offset(payload) + 1}");
        }
        if (!JsonStructureCheck.IsValid(payload, out var reason, out var detail)) return TelemetryParseResult.Refused(reason, detail);

        var fields = PayloadFields.Locate(payload, fieldNames, stackalloc int[fieldNames.Length]);
        if (!PayloadFieldReader.TryReadTimestamp(fields, Ts, now, out var timestamp, out var refusal)) return refusal;
        if (!PayloadFieldReader.TryReadSequence(fields, Seq, out var sequence, out refusal)) return refusal;

        return channel switch
        {
            TelemetryChannel.State => ParseState(fields, timestamp, sequence),
            TelemetryChannel.Count => ParseCount(fields, timestamp, sequence),
            _ => ParseMeasure(fields, timestamp, sequence),
        };
    }

    private static TelemetryParseResult ParseState(scoped in PayloadFields fields, DateTimeOffset timestamp, ulong? sequence)
    {
        const int state = First, reason = First + 1;
        if (!fields.IsPresent(state)) return TelemetryParseResult.Refused(RefusalReason.MissingField, "'state' is required");
        var reader = fields.ReaderAt(state);
        if (reader.TokenType != JsonTokenType.String) return TelemetryParseResult.Refused(RefusalReason.WrongType, "'state' must be a string");
        if (!TryMatchState(ref reader, out var machineState))
        {
            return TelemetryParseResult.Refused(
                RefusalReason.UnknownState,
                $"unknown state '{DetailText.Quote(reader.GetString()!)}'; expected running, idle, down, changeover, planned_stop or offline");
        }
        if (!PayloadFieldReader.TryReadOptionalText(
                fields, reason, "reason", TelemetryContract.MaxReasonLength, RefusalReason.ReasonTooLong, out var reasonCode, out var refusal))
        {
            return refusal;
        }
        return TelemetryParseResult.Accepted(new StateReading(timestamp, sequence, machineState, reasonCode));
    }

    private static TelemetryParseResult ParseCount(scoped in PayloadFields fields, DateTimeOffset timestamp, ulong? sequence)
    {
        const int good = First, scrap = First + 1, product = First + 2;
        if (!PayloadFieldReader.TryReadCount(fields, good, "good", out var goodCount, out var refusal)) return refusal;
        if (!PayloadFieldReader.TryReadCount(fields, scrap, "scrap", out var scrapCount, out refusal)) return refusal;
        if (goodCount is null && scrapCount is null)
        {
            return TelemetryParseResult.Refused(RefusalReason.MissingField, "'good' or 'scrap' is required (a missing one counts as 0)");
        }
        if (!PayloadFieldReader.TryReadOptionalText(
                fields, product, "product", TelemetryContract.MaxProductLength, RefusalReason.ProductTooLong, out var productCode, out refusal))
        {
            return refusal;
        }
        return TelemetryParseResult.Accepted(new CountReading(timestamp, sequence, goodCount ?? 0, scrapCount ?? 0, productCode));
    }

    private static TelemetryParseResult ParseMeasure(scoped in PayloadFields fields, DateTimeOffset timestamp, ulong? sequence)
    {
        const int values = First;
        if (!fields.IsPresent(values)) return TelemetryParseResult.Refused(RefusalReason.MissingField, "'values' is required");
        var reader = fields.ReaderAt(values);
        if (reader.TokenType != JsonTokenType.StartObject) return TelemetryParseResult.Refused(RefusalReason.WrongType, "'values' must be an object");

        var count = CountProperties(reader);
        if (count == 0) return TelemetryParseResult.Refused(RefusalReason.NoValues, "'values' is empty; send 1 to 32 values");
        if (count > TelemetryContract.MaxMeasureValues)
        {
            return TelemetryParseResult.Refused(RefusalReason.TooManyValues, $"'values' has {count} entries; at most {TelemetryContract.MaxMeasureValues} are accepted");
        }

        var measures = new Dictionary<string, double>(count, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (name.Length is 0 or > TelemetryContract.MaxMeasureNameLength || name.AsSpan().ContainsAnyExcept(MeasureNameChars))
            {
                return TelemetryParseResult.Refused(RefusalReason.InvalidMeasureName, $"measure name '{DetailText.Quote(name)}' must match [a-z0-9_]{{1,64}}");
            }
            reader.Read();
            if (!TryReadMeasureValue(ref reader, name, out var value, out var refusal)) return refusal;
            measures[name] = value;
        }
        return TelemetryParseResult.Accepted(new MeasureReading(timestamp, sequence, measures.AsReadOnly()));
    }

    private static bool TryReadMeasureValue(ref Utf8JsonReader reader, string name, out double value, out TelemetryParseResult refusal)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    return PayloadFieldReader.Refuse(RefusalReason.NonFiniteNumber, $"value '{name}' is too large for a double", out refusal);
                }
                break;
            case JsonTokenType.String when IsNonFiniteText(reader.GetString()!):
                return PayloadFieldReader.Refuse(RefusalReason.NonFiniteNumber, $"value '{name}' is NaN or infinite", out refusal);
            default:
                reader.Skip();
                return PayloadFieldReader.Refuse(RefusalReason.WrongType, $"value '{name}' must be a number", out refusal);
        }
        if (value < 0 && name == TelemetryContract.EnergyMeasureName)
        {
            return PayloadFieldReader.Refuse(RefusalReason.NegativeIncrement, $"'{TelemetryContract.EnergyMeasureName}' is an increment and must not be negative", out refusal);
        }
        refusal = default;
        return true;
    }

    private static bool TryMatchState(ref Utf8JsonReader reader, out MachineState state)
    {
        foreach (var candidate in MachineStateWireNames.All)
        {
            if (reader.ValueTextEquals(candidate.ToWireName()))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    /// <summary>Counts the properties of the object the reader (a copy) stands on.</summary>
    private static int CountProperties(Utf8JsonReader reader)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            count++;
            reader.Read();
            reader.Skip();
        }
        return count;
    }

    private static bool IsNonFiniteText(string text)
    {
        foreach (var candidate in NonFiniteTexts)
        {
            if (string.Equals(text, candidate, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> payload)
    {
        var offset = 0;
        while (offset < payload.Length)
        {
            if (Rune.DecodeFromUtf8(payload[offset..], out _, out var consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return offset;
    }
}

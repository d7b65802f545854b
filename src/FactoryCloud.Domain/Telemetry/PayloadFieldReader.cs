using System.Globalization;
using System.Text.Json;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>Reads and validates the scalar fields of a payload. Each method refuses with a reason and detail instead of throwing.</summary>
internal static class PayloadFieldReader
{
    public static bool TryReadTimestamp(
        scoped in PayloadFields fields, int slot, DateTimeOffset now, out DateTimeOffset timestamp, out TelemetryParseResult refusal)
    {
        timestamp = default;
        if (!fields.IsPresent(slot)) return Refuse(RefusalReason.MissingField, "'ts' is required", out refusal);
        var reader = fields.ReaderAt(slot);
        if (reader.TokenType != JsonTokenType.String) return Refuse(RefusalReason.WrongType, "'ts' must be a string", out refusal);

        const int maxEscapedLength = TelemetryContract.MaxTimestampLength * 6;
        var raw = reader.ValueSpan;
        if (raw.Length > maxEscapedLength) return Refuse(RefusalReason.InvalidTimestamp, "'ts' is too long for an RFC 3339 date-time", out refusal);
        Span<byte> unescaped = stackalloc byte[maxEscapedLength];
        var text = reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : raw;

        if (!Rfc3339Timestamp.TryParse(text, out timestamp))
        {
            return Refuse(RefusalReason.InvalidTimestamp, "'ts' must be an RFC 3339 date-time with an offset, e.g. 2025-03-01T08:15:00.250Z", out refusal);
        }
        var utcNow = now.UtcTicks;
        if (timestamp.UtcTicks - utcNow > TelemetryContract.MaxTimestampAhead.Ticks)
        {
            return Refuse(RefusalReason.TimestampInFuture, $"'ts' is {Ahead(timestamp, now)} ahead of the server clock; at most 5 minutes is accepted", out refusal);
        }
        if (utcNow - timestamp.UtcTicks > TelemetryContract.MaxTimestampAge.Ticks)
        {
            return Refuse(RefusalReason.TimestampTooOld, "'ts' is more than 7 days behind the server clock", out refusal);
        }
        refusal = default;
        return true;
    }

    public static bool TryReadSequence(scoped in PayloadFields fields, int slot, out ulong? sequence, out TelemetryParseResult refusal)
    {
        sequence = null;
        refusal = default;
        if (!fields.IsPresent(slot)) return true;
        var reader = fields.ReaderAt(slot);
        if (reader.TokenType != JsonTokenType.Number) return Refuse(RefusalReason.WrongType, "'seq' must be a number", out refusal);
        if (!reader.TryGetUInt64(out var value))
        {
            return Refuse(RefusalReason.InvalidSequence, "'seq' must be an integer from 0 to 18446744073709551615, without fraction or exponent", out refusal);
        }
        sequence = value;
        return true;
    }

    /// <summary>A non-negative integer count; null when absent.</summary>
    public static bool TryReadCount(scoped in PayloadFields fields, int slot, string name, out long? count, out TelemetryParseResult refusal)
    {
        count = null;
        refusal = default;
        if (!fields.IsPresent(slot)) return true;
        var reader = fields.ReaderAt(slot);
        if (reader.TokenType != JsonTokenType.Number) return Refuse(RefusalReason.WrongType, $"'{name}' must be a number", out refusal);
        if (!reader.TryGetInt64(out var value) || value < 0)
        {
            return Refuse(RefusalReason.InvalidCount, $"'{name}' must be a non-negative integer, without fraction or exponent", out refusal);
        }
        count = value;
        return true;
    }

    /// <summary>An optional string of at most <paramref name="maxLength"/> characters; null when absent or empty.</summary>
    public static bool TryReadOptionalText(
        scoped in PayloadFields fields, int slot, string name, int maxLength, RefusalReason tooLong, out string? text, out TelemetryParseResult refusal)
    {
        text = null;
        refusal = default;
        if (!fields.IsPresent(slot)) return true;
        var reader = fields.ReaderAt(slot);
        if (reader.TokenType != JsonTokenType.String) return Refuse(RefusalReason.WrongType, $"'{name}' must be a string", out refusal);
        var value = reader.GetString()!;
        var length = CountCharacters(value);
        if (length > maxLength) return Refuse(tooLong, $"'{name}' is {length} characters; at most {maxLength} are accepted", out refusal);
        text = value.Length == 0 ? null : value;
        return true;
    }

    public static bool Refuse(RefusalReason reason, string detail, out TelemetryParseResult refusal)
    {
        refusal = TelemetryParseResult.Refused(reason, detail);
        return false;
    }

    /// <summary>Unicode code points, so an emoji counts as one character, as in PostgreSQL's varchar(n).</summary>
    private static int CountCharacters(string value)
    {
        var count = value.Length;
        foreach (var c in value)
        {
            if (char.IsHighSurrogate(c)) count--;
        }
        return count;
    }

    private static string Ahead(DateTimeOffset timestamp, DateTimeOffset now)
    {
        var ahead = timestamp - now;
        return ahead.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)ahead.TotalDays} days")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)ahead.TotalSeconds} seconds");
    }
}

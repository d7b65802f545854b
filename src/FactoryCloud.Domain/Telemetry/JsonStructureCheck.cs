using System.Text.Json;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// First pass over a payload that is already known to be valid UTF-8: strict JSON syntax (one value, no comments, no
/// trailing commas, depth at most 64), an object at the top, no escaped lone surrogates, no duplicate property names
/// in any object. Reports JSON syntax before shape before duplicates, whatever their positions.
/// </summary>
internal static class JsonStructureCheck
{
    public const int MaxDepth = 64;

    private static readonly byte[][] NonFiniteLiterals = ["NaN"u8.ToArray(), "Infinity"u8.ToArray(), "-Infinity"u8.ToArray(), "+Infinity"u8.ToArray()];

    public static bool IsValid(ReadOnlySpan<byte> payload, out RefusalReason reason, out string detail)
    {
        var tracker = new PropertyNameTracker(payload.Length);
        try
        {
            return Check(payload, ref tracker, out reason, out detail);
        }
        finally
        {
            tracker.Dispose();
        }
    }

    private static bool Check(ReadOnlySpan<byte> payload, ref PropertyNameTracker tracker, out RefusalReason reason, out string detail)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxDepth });
        var firstToken = JsonTokenType.None;
        var duplicate = (string?)null;
        long consumed = 0;
        try
        {
            while (true)
            {
                consumed = reader.BytesConsumed;
                if (!reader.Read()) break;
                if (firstToken == JsonTokenType.None) firstToken = reader.TokenType;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        tracker.EnterObject();
                        break;
                    case JsonTokenType.EndObject:
                        tracker.ExitObject();
                        break;
                    case JsonTokenType.PropertyName:
                        if (!tracker.TryAdd(ref reader, out var name)) duplicate ??= DetailText.Quote(name);
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        tracker.ValidateEscapedString(ref reader);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            if (StartsWithNonFiniteLiteral(payload[(int)consumed..]))
            {
                reason = RefusalReason.NonFiniteNumber;
                detail = "NaN and Infinity are not JSON numbers; non-finite values are not accepted";
                return false;
            }
            reason = RefusalReason.InvalidJson;
            detail = $"invalid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}";
            return false;
        }
        catch (InvalidOperationException)
        {
            reason = RefusalReason.InvalidUtf8;
            detail = $"a string near byte {consumed + 1} escapes a lone UTF-16 surrogate";
            return false;
        }

        if (firstToken != JsonTokenType.StartObject)
        {
            reason = RefusalReason.NotAnObject;
            detail = $"payload must be a JSON object, not {Describe(firstToken)}";
            return false;
        }
        if (duplicate is not null)
        {
            reason = RefusalReason.DuplicateProperty;
            detail = $"property '{duplicate}' appears twice in the same object";
            return false;
        }
        reason = RefusalReason.None;
        detail = "";
        return true;
    }

    private static bool StartsWithNonFiniteLiteral(ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimStart(" \t\r\n:,["u8);
        foreach (var literal in NonFiniteLiterals)
        {
            if (rest.StartsWith(literal)) return true;
        }
        return false;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}

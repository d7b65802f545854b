namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// Strict RFC 3339 <c>date-time</c> parsing: <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)</c>, <c>T</c> and <c>Z</c> in either case.
/// The offset is required. Fractions beyond 100 ns are truncated. Leap seconds (<c>:60</c>) are refused.
/// </summary>
public static class Rfc3339Timestamp
{
    private const int MinLength = 20; // 2025-01-01T00:00:00Z

    /// <summary>Parses UTF-8 text. The result is in UTC (offset zero), clamped to the range of <see cref="DateTimeOffset"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset utc)
    {
        utc = default;
        if (text.Length is < MinLength or > TelemetryContract.MaxTimestampLength) return false;
        if (!TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || text[10] is not ((byte)'T' or (byte)'t')
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var start = position;
            var scale = TimeSpan.TicksPerSecond / 10;
            while (position < text.Length && IsDigit(text[position]))
            {
                fractionTicks += (text[position] - '0') * scale;
                scale /= 10;
                position++;
            }
            if (position == start) return false;
        }

        if (position >= text.Length) return false;
        int offsetMinutes;
        switch (text[position])
        {
            case (byte)'Z' or (byte)'z':
                offsetMinutes = 0;
                position++;
                break;
            case (byte)'+' or (byte)'-':
                if (text.Length - position != 6
                    || !TryDigits(text, position + 1, 2, out var offsetHour) || text[position + 3] != ':'
                    || !TryDigits(text, position + 4, 2, out var offsetMinute)
                    || offsetHour > 23 || offsetMinute > 59)
                {
                    return false;
                }
                offsetMinutes = (offsetHour * 60) + offsetMinute;
                if (text[position] == '-') offsetMinutes = -offsetMinutes;
                position += 6;
                break;
            default:
                return false;
        }
        if (position != text.Length) return false;

        if (month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59) return false;
        // Year 0000 is valid RFC 3339 (a leap year) but outside DateTime; it is clamped below.
        if (day < 1 || day > DateTime.DaysInMonth(year == 0 ? 4 : year, month)) return false;
        if (year == 0)
        {
            utc = DateTimeOffset.MinValue;
            return true;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks
            + fractionTicks
            - (offsetMinutes * TimeSpan.TicksPerMinute);
        utc = new DateTimeOffset(Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!IsDigit(text[i])) return false;
            value = (value * 10) + (text[i] - '0');
        }
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}

using System.Text;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>Makes device-supplied text safe to quote in a refusal detail: at most 64 characters, control characters replaced.</summary>
internal static class DetailText
{
    private const int MaxQuotedLength = 64;

    public static string Quote(ReadOnlySpan<byte> utf8) => Quote(Encoding.UTF8.GetString(utf8));

    public static string Quote(string text)
    {
        var truncated = text.Length > MaxQuotedLength;
        var builder = new StringBuilder(Math.Min(text.Length, MaxQuotedLength) + 3);
        foreach (var c in truncated ? text.AsSpan(0, MaxQuotedLength) : text.AsSpan())
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }
        if (truncated) builder.Append('…');
        return builder.ToString();
    }
}
